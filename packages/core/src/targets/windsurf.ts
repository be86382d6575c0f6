// Windsurf (Cascade) rules: https://docs.windsurf.com/windsurf/cascade/memories (TARGETS.md §5.4)
// - `.windsurf/rules/<name>.md` with frontmatter `trigger`: `always_on`, `manual`,
//   `model_decision` (needs `description`) or `glob` (needs `globs`, a comma-separated string).
// - Each rule file is read up to 6,000 characters (older docs; newer ones say 12,000: the lower
//   bound is kept), so a longer file gets a warning.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FrontmatterField } from "../formats/frontmatter.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import { activationDescription, checkDescription, commaGlobs, dedupe, personaFile, renderBody } from "./support.js";
import { listOf, singleLine } from "./values.js";

/** Per-persona overrides under frontmatter `targets.windsurf`. */
export const WindsurfOptionsSchema = z.strictObject({
  trigger: z.enum(["always_on", "manual", "model_decision", "glob"]).optional(),
  description: z.string().optional(),
  globs: z.union([z.string(), z.array(z.string())]).optional(),
});
export type WindsurfOptions = z.infer<typeof WindsurfOptionsSchema>;

const outputs = targetOutputs["windsurf"];

export const windsurf = defineTarget({
  id: "windsurf",
  title: "Windsurf rules",
  docs: ["https://docs.windsurf.com/windsurf/cascade/memories"],
  outputs,
  optionsSchema: WindsurfOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const globs = commaGlobs(listOf(options.globs ?? persona.triggers.files), persona, diagnostics, [
      "targets.windsurf.globs",
    ]);
    // File triggers make a glob rule; otherwise Cascade picks the persona by its description.
    const trigger = options.trigger ?? (globs.length > 0 ? "glob" : "model_decision");
    const override = singleLine(options.description ?? "");
    const description =
      trigger === "model_decision" || override !== "" ? override || activationDescription(persona) : undefined;
    if (description !== undefined) {
      checkDescription(persona, description, "The Windsurf rule description", diagnostics, [
        "targets.windsurf.description",
        "description",
      ]);
    }
    const frontmatter: FrontmatterField[] = [
      { key: "trigger", value: trigger },
      { key: "description", value: description },
      { key: "globs", value: trigger === "glob" && globs.length > 0 ? globs.join(",") : undefined },
    ];
    const body = renderBody(ctx.render, "windsurf/rule.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    return {
      files: [personaFile(outputs.rule, persona, { frontmatter, body: body.text })],
      diagnostics: dedupe(diagnostics),
    };
  },
});
