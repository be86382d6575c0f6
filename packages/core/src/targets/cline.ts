// Cline rules: https://docs.cline.bot/features/cline-rules (TARGETS.md §5.5, §8)
// - Every `.md` file in `.clinerules/` is a rule; all are combined into the system prompt.
// - Frontmatter `paths:` (a list of globs) is the only conditional: a rule without it applies to
//   every conversation. So a persona is written only when it has file triggers (or an override
//   says when it applies): twelve personas' instructions in every conversation would contradict
//   each other.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import { dedupe, leftOut, personaFile, renderBody } from "./support.js";
import { listOf } from "./values.js";

/** Per-persona overrides under frontmatter `targets.cline`. */
export const ClineOptionsSchema = z.strictObject({
  /** Globs the rule applies to; default: the persona's file triggers. */
  paths: z.union([z.string(), z.array(z.string())]).optional(),
  /** Write the persona as a rule for every conversation, even without file triggers. */
  always: z.boolean().optional(),
});
export type ClineOptions = z.infer<typeof ClineOptionsSchema>;

const outputs = targetOutputs["cline"];

export const cline = defineTarget({
  id: "cline",
  title: "Cline rules",
  docs: ["https://docs.cline.bot/features/cline-rules"],
  outputs,
  optionsSchema: ClineOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    // A YAML list, quoted by the serialiser: Cline reads `paths:` with a real YAML parser.
    const paths = listOf(options.paths ?? persona.triggers.files);
    if (paths.length === 0 && options.always !== true) {
      const why =
        "Cline applies a rule without `paths:` to every conversation; add file triggers or set `targets.cline.always`";
      diagnostics.push(leftOut(persona, "Cline", "persona", [persona.id], why, ["targets.cline", "name"]));
      return { files: [], diagnostics };
    }
    const body = renderBody(ctx.render, "cline/rule.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const frontmatter = [{ key: "paths", value: paths.length > 0 ? paths : undefined }];
    return {
      files: [personaFile(outputs.rule, persona, { frontmatter, body: body.text })],
      diagnostics: dedupe(diagnostics),
    };
  },
});
