import { type Persona, parsePersona, type RouteInput, route } from "../src/index.js";

/** The parts of a persona routing reads. */
export interface RoutePersonaSpec {
  keywords?: readonly string[];
  files?: readonly string[];
  contexts?: readonly string[];
  description?: string;
  identity?: string;
  focusAreas?: readonly string[];
}

/** Builds a persona the way users write one: frontmatter, identity, focus areas and an "Auto-Activation Triggers" section. */
export function persona(id: string, spec: RoutePersonaSpec = {}): Persona {
  const lines = [
    "---",
    `name: ${id}`,
    `description: ${spec.description ?? `The ${id} persona.`}`,
    "---",
    "",
    `# ${id}`,
    "",
  ];
  if (spec.identity) lines.push(`**Identity**: ${spec.identity}`, "");
  if (spec.focusAreas?.length) lines.push("## Focus Areas", ...spec.focusAreas.map((f) => `- ${f}`), "");
  lines.push("## Auto-Activation Triggers");
  if (spec.keywords?.length) lines.push(`- Keywords: ${spec.keywords.map((k) => `"${k}"`).join(", ")}`);
  if (spec.files?.length) lines.push(`- File patterns: ${spec.files.map((f) => `\`${f}\``).join(", ")}`);
  for (const c of spec.contexts ?? []) lines.push(`- ${c}`);
  const result = parsePersona(`${lines.join("\n")}\n`, { path: `personas/${id}.md` });
  if (!result.persona) throw new Error(JSON.stringify(result.diagnostics));
  return result.persona;
}

/** The ranking as `[id, confidence]` pairs. */
export function ranking(personas: readonly Persona[], input: RouteInput): [string, number][] {
  return route(personas, input).matches.map((m) => [m.id, m.confidence]);
}

/** The ids ranked, best first. */
export function ids(personas: readonly Persona[], request: string, files?: readonly string[]): string[] {
  return route(personas, files ? { request, files } : { request }).matches.map((m) => m.id);
}
