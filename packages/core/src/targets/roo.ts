// Roo Code custom modes: https://docs.roocode.com/features/custom-modes (TARGETS.md §5.6, §8)
// - Project modes live in `.roomodes` (YAML, top-level `customModes:` list), a file the user also
//   edits: persona keeps its modes in a managed block of that list and leaves the user's alone.
// - Roo validates the whole file with one schema: one bad mode (a slug outside
//   `^[a-zA-Z0-9-]+$`, a group it does not know, two modes with one slug) rejects every mode.
// - `slug`, `name`, `roleDefinition` and `groups` are required; groups are `read`, `edit`,
//   `command`, `mcp` (`browser` is deprecated and dropped by Roo).
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readYamlEntries, yamlItem } from "../formats/yaml-block.js";
import type { Persona } from "../model/persona.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget, emit } from "./define-target.js";
import { activationDescription, dedupe, leftOut, renderBody } from "./support.js";
import { singleLine } from "./values.js";
import { mapTools } from "./vocabulary.js";

const GROUPS = ["read", "edit", "command", "mcp"] as const;
const Group = z.enum(GROUPS);

/** Per-persona overrides under frontmatter `targets.roo`: Roo's own mode keys. */
export const RooOptionsSchema = z.strictObject({
  name: z.string().optional(),
  roleDefinition: z.string().optional(),
  whenToUse: z.string().optional(),
  description: z.string().optional(),
  /** Groups as Roo writes them; a restricted edit is `[edit, { fileRegex, description }]`. */
  groups: z
    .array(
      z.union([Group, z.tuple([Group, z.strictObject({ fileRegex: z.string(), description: z.string().optional() })])]),
    )
    .optional(),
});
export type RooOptions = z.infer<typeof RooOptionsSchema>;

/** What a persona contributes to `.roomodes`: its mode's slug and YAML item, and its source. */
export interface RooPart {
  source: string;
  slug: string;
  text: string;
}

const outputs = targetOutputs["roo"];

/** The groups a persona's tools need; every group when it lists none. */
function groups(persona: Persona, into: Diagnostic[]): string[] {
  if (persona.tools === undefined) return [...GROUPS];
  const { mapped, leftOut: missing } = mapTools(
    persona.tools,
    (m) => m.roo,
    () => "mcp",
  );
  if (missing.length > 0) {
    into.push(leftOut(persona, "Roo Code", "tools", missing, "Roo Code has no group for them", ["tools"]));
  }
  // Roo's order; `read` always, since a mode that cannot read the code is of no use.
  return GROUPS.filter((g) => g === "read" || mapped.includes(g));
}

/** The role's first sentence: Roo shows it as the mode's summary when there is no `whenToUse`. */
function roleDefinition(persona: Persona): string {
  const identity = singleLine(persona.identity ?? "");
  const base = `You are ${persona.title}`;
  return identity === "" ? `${base}. ${singleLine(persona.description)}` : `${base}: ${identity}.`;
}

export const roo = defineTarget({
  id: "roo",
  title: "Roo Code custom modes",
  docs: ["https://docs.roocode.com/features/custom-modes"],
  outputs,
  optionsSchema: RooOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const body = renderBody(ctx.render, "roo/mode.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const mode: Record<string, unknown> = {
      slug: persona.id,
      name: singleLine(options.name ?? persona.title),
      description: singleLine(options.description ?? persona.description) || undefined,
      roleDefinition: options.roleDefinition ?? roleDefinition(persona),
      whenToUse: singleLine(options.whenToUse ?? "") || activationDescription(persona),
      groups: options.groups ?? groups(persona, diagnostics),
      customInstructions: body.text.replace(/\s+$/, ""),
    };
    for (const key of Object.keys(mode)) if (mode[key] === undefined) delete mode[key];
    const part: RooPart = { source: persona.source.path, slug: persona.id, text: yamlItem(mode) };
    return { files: [], diagnostics: dedupe(diagnostics), part };
  },
  compileShared(parts, ctx) {
    if (parts.length === 0 && !ctx.existing.has(outputs.modes.path)) return { files: [], diagnostics: [] };
    const entries = parts.map((p) => ({ name: p.part.slug, source: p.part.source, build: p.build, text: p.part.text }));
    const doc = { list: "customModes", key: "slug", entries };
    return { files: [emit(outputs.modes, doc, { sources: parts.map((p) => p.part.source) })], diagnostics: [] };
  },
  recoverParts(text) {
    const entries = readYamlEntries(text);
    if (!entries) return undefined;
    const out = new Map<string, { build: string; part: RooPart }>();
    for (const [source, e] of entries) {
      const slug = /^ *- slug: (\S+)$/m.exec(e.text)?.[1];
      if (slug === undefined) return undefined;
      out.set(source, { build: e.build, part: { source, slug, text: e.text } });
    }
    return out;
  },
});
