// opencode agents: https://opencode.ai/docs/agents (TARGETS.md §5.7, §8)
// - `.opencode/agents/<name>.md` (project; `.opencode/agent/` is read too) or
//   `~/.config/opencode/agents/`; the file name is the agent name.
// - `tools` must be a map of tool → boolean (a Claude-style `tools: Read, Grep` string is a schema
//   error that fails every opencode command); `permission` a map; `color` `#rrggbb` or a theme
//   name; `mode` one of primary, subagent, all; `model` is `provider/model` (`sonnet` would be
//   taken as a provider, silently).
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FrontmatterField } from "../formats/frontmatter.js";
import type { Persona } from "../model/persona.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import {
  activationDescription,
  checkDescription,
  dedupe,
  leftOut,
  mappedModel,
  personaFile,
  renderBody,
} from "./support.js";
import { singleLine } from "./values.js";
import { MODELS, mapTools, opencodeColor, TOOLS } from "./vocabulary.js";

const Action = z.enum(["ask", "allow", "deny"]);

/** Per-persona overrides under frontmatter `targets.opencode`: opencode's own agent keys. */
export const OpencodeOptionsSchema = z.strictObject({
  description: z.string().optional(),
  mode: z.enum(["primary", "subagent", "all"]).optional(),
  model: z.string().optional(),
  temperature: z.number().optional(),
  tools: z.record(z.string(), z.boolean()).optional(),
  permission: z.record(z.string(), z.union([Action, z.record(z.string(), Action)])).optional(),
  color: z.string().optional(),
  hidden: z.boolean().optional(),
});
export type OpencodeOptions = z.infer<typeof OpencodeOptionsSchema>;

const outputs = targetOutputs["opencode"];

// Every tool key the table knows for opencode, in table order: a persona's list becomes a map
// that turns the others off (tools left out of the map stay on).
const OPENCODE_TOOLS = [...new Set(Object.values(TOOLS).flatMap((m) => m.opencode))];

/** The persona's tools as opencode's map; undefined when the persona lists none (all on). */
function toolsMap(persona: Persona, into: Diagnostic[]): Record<string, boolean> | undefined {
  if (persona.tools === undefined) return undefined;
  const { mapped, leftOut: missing } = mapTools(
    persona.tools,
    (m) => m.opencode,
    // opencode names MCP tools `<server>_<tool>`, with `*` wildcards.
    (t) => `${t.server}_${t.tool ?? "*"}`,
  );
  if (missing.length > 0) {
    into.push(leftOut(persona, "opencode", "tools", missing, "opencode has no such tool", ["tools"]));
  }
  const map: Record<string, boolean> = {};
  for (const tool of OPENCODE_TOOLS) map[tool] = mapped.includes(tool);
  for (const tool of mapped) if (!(tool in map)) map[tool] = true;
  return map;
}

/**
 * The persona's colour in opencode's form, if it has one: Claude Code's colour
 * (`targets.claude.color`, or a top-level `color` as Claude agents write it, kept in `meta`).
 */
function color(persona: Persona, options: OpencodeOptions, into: Diagnostic[]): string | undefined {
  if (options.color !== undefined) return options.color;
  const wanted = persona.targets.claude?.["color"] ?? persona.meta["color"];
  if (typeof wanted !== "string") return undefined;
  const mapped = opencodeColor(wanted);
  if (mapped === undefined) {
    const why = "opencode takes `#rrggbb` or a theme colour";
    into.push(leftOut(persona, "opencode", "color", [wanted], why, ["targets.claude.color", "color"]));
  }
  return mapped;
}

export const opencode = defineTarget({
  id: "opencode",
  title: "opencode agents",
  docs: ["https://opencode.ai/docs/agents"],
  outputs,
  optionsSchema: OpencodeOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const override = singleLine(options.description ?? "");
    const description = override === "" ? activationDescription(persona) : override;
    checkDescription(persona, description, "The opencode agent description", diagnostics, [
      "targets.opencode.description",
      "description",
    ]);
    const frontmatter: FrontmatterField[] = [
      { key: "description", value: description },
      { key: "mode", value: options.mode ?? "subagent" },
      {
        key: "model",
        value: mappedModel(persona, options.model, MODELS.opencode, "opencode", "opencode", diagnostics),
      },
      { key: "temperature", value: options.temperature },
      { key: "tools", value: options.tools ?? toolsMap(persona, diagnostics) },
      { key: "permission", value: options.permission },
      { key: "color", value: color(persona, options, diagnostics) },
      { key: "hidden", value: options.hidden },
    ];
    const body = renderBody(ctx.render, "opencode/agent.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    return {
      files: [personaFile(outputs.agent, persona, { frontmatter, body: body.text })],
      diagnostics: dedupe(diagnostics),
    };
  },
});
