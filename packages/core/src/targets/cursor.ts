// Cursor project rules and subagents: https://cursor.com/docs/rules, https://cursor.com/docs/subagents
// (TARGETS.md §2.1, §2.4)
// - Only `.mdc` files in .cursor/rules are read; keep rules under 500 lines.
// - The rule type follows from three fields: `alwaysApply: true` (Always), `globs` (Apply to
//   Specific Files), `description` (Apply Intelligently), neither (Apply Manually).
// - Cursor does not read `.mdc` frontmatter as strict YAML: `globs` must be one unquoted
//   comma-joined scalar (quoted globs keep their quotes, oven-sh/bun#24853; lists are undocumented,
//   microsoft/apm#3002), and `alwaysApply` a real boolean (the string "true" is not-always).
// - Subagents: `.cursor/agents/<name>.md` (project) or `~/.cursor/agents/`, frontmatter `name`,
//   `description`, `model` (`inherit` or a Cursor model id: a Claude alias such as `sonnet` is
//   not one), `readonly`, `is_background`. Cursor also reads `.claude/agents`, but its own copy
//   wins on a name clash, so Cursor gets a file in its own vocabulary.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FrontmatterField, RawFrontmatterLine } from "../formats/frontmatter.js";
import type { Persona } from "../model/persona.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import {
  activationDescription,
  checkDescription,
  commaGlobs,
  dedupe,
  mappedModel,
  personaFile,
  renderBody,
} from "./support.js";
import { listOf, singleLine } from "./values.js";
import { isReadOnly, MODELS } from "./vocabulary.js";

/** Per-persona overrides under frontmatter `targets.cursor`: the rule type's fields, and the subagent's. */
export const CursorOptionsSchema = z.strictObject({
  description: z.string().optional(),
  globs: z.union([z.string(), z.array(z.string())]).optional(),
  alwaysApply: z.boolean().optional(),
  agent: z
    .strictObject({
      description: z.string().optional(),
      model: z.string().optional(),
      readonly: z.boolean().optional(),
      is_background: z.boolean().optional(),
    })
    .optional(),
});
export type CursorOptions = z.infer<typeof CursorOptionsSchema>;

/**
 * The frontmatter of a rule. From the model: file triggers make it auto-attached on those globs,
 * otherwise the agent requests it by description. An override is always written as given, so
 * `targets.cursor.alwaysApply: true` makes an Always rule and an explicit description sits beside
 * globs when the author asked for both.
 */
function ruleFrontmatter(
  persona: Persona,
  options: CursorOptions,
  into: Diagnostic[],
): (FrontmatterField | RawFrontmatterLine)[] {
  const globs = commaGlobs(listOf(options.globs ?? persona.triggers.files), persona, into, ["targets.cursor.globs"]);
  const always = options.alwaysApply === true;
  let description: string | undefined;
  if (options.description !== undefined) description = singleLine(options.description);
  else if (!always && globs.length === 0) description = activationDescription(persona);
  if (description !== undefined) {
    checkDescription(persona, description, "The Cursor rule description", into, [
      "targets.cursor.description",
      "description",
    ]);
  }
  const entries: (FrontmatterField | RawFrontmatterLine)[] = [
    { key: "description", value: description === "" ? undefined : description },
  ];
  // Written by hand: Cursor reads this line as a bare comma-separated string (no spaces, so a
  // reader that splits on "," without trimming gets the same globs).
  if (globs.length > 0 && (!always || options.globs !== undefined)) entries.push({ raw: `globs: ${globs.join(",")}` });
  entries.push({ key: "alwaysApply", value: always });
  return entries;
}

const outputs = targetOutputs["cursor"];

/** The subagent's frontmatter: read-only when none of the persona's tools writes. */
function agentFrontmatter(persona: Persona, options: CursorOptions, into: Diagnostic[]): FrontmatterField[] {
  const agent = options.agent ?? {};
  const override = singleLine(agent.description ?? "");
  const description = override === "" ? activationDescription(persona) : override;
  checkDescription(persona, description, "The Cursor subagent description", into, [
    "targets.cursor.agent.description",
    "description",
  ]);
  const model = mappedModel(persona, agent.model, MODELS.cursor, "Cursor", "cursor.agent", into);
  return [
    { key: "name", value: persona.id },
    { key: "description", value: description },
    { key: "model", value: model },
    { key: "readonly", value: agent.readonly ?? isReadOnly(persona.tools) },
    { key: "is_background", value: agent.is_background },
  ];
}

export const cursor = defineTarget({
  id: "cursor",
  title: "Cursor project rules",
  docs: ["https://cursor.com/docs/rules"],
  outputs,
  optionsSchema: CursorOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const frontmatter = ruleFrontmatter(persona, options, diagnostics);
    const rule = renderBody(ctx.render, "cursor/rule.hbs", persona);
    const agent = renderBody(ctx.render, "cursor/agent.hbs", persona);
    diagnostics.push(...rule.diagnostics, ...agent.diagnostics);
    if (rule.text === undefined || agent.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const files = [
      personaFile(outputs.rule, persona, { frontmatter, body: rule.text }),
      personaFile(outputs.agent, persona, {
        frontmatter: agentFrontmatter(persona, options, diagnostics),
        body: agent.text,
      }),
    ];
    return { files, diagnostics: dedupe(diagnostics) };
  },
});
