// Kiro steering files: https://kiro.dev/docs/steering (TARGETS.md §5.8)
// - `.kiro/steering/<name>.md` (workspace) or `~/.kiro/steering/` (global), frontmatter
//   `inclusion`: `always` (the default), `fileMatch` with `fileMatchPattern`, `manual` (`#name` in
//   chat), or `auto` with `name` and `description` (loaded by relevance).
// - `fileMatchPattern` is documented as one glob; several file triggers become one brace group
//   (`{src/**/*.ts,lib/**}`), which VS Code-style globs read as "any of".
// - `fileMatch` does not trigger for global steering files (kirodotdev/Kiro#9176), so the user
//   scope is not offered.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FrontmatterField } from "../formats/frontmatter.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import { activationDescription, checkDescription, commaGlobs, dedupe, personaFile, renderBody } from "./support.js";
import { listOf, singleLine } from "./values.js";

/** Per-persona overrides under frontmatter `targets.kiro`. */
export const KiroOptionsSchema = z.strictObject({
  inclusion: z.enum(["always", "fileMatch", "manual", "auto"]).optional(),
  fileMatchPattern: z.union([z.string(), z.array(z.string())]).optional(),
  description: z.string().optional(),
});
export type KiroOptions = z.infer<typeof KiroOptionsSchema>;

const outputs = targetOutputs["kiro"];

export const kiro = defineTarget({
  id: "kiro",
  title: "Kiro steering",
  docs: ["https://kiro.dev/docs/steering"],
  outputs,
  optionsSchema: KiroOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const globs = commaGlobs(listOf(options.fileMatchPattern ?? persona.triggers.files), persona, diagnostics, [
      "targets.kiro.fileMatchPattern",
    ]);
    const inclusion = options.inclusion ?? (globs.length > 0 ? "fileMatch" : "auto");
    const pattern = globs.length === 1 ? globs[0] : globs.length > 1 ? `{${globs.join(",")}}` : undefined;
    const override = singleLine(options.description ?? "");
    const description = inclusion === "auto" ? override || activationDescription(persona) : undefined;
    if (description !== undefined) {
      checkDescription(persona, description, "The Kiro steering description", diagnostics, [
        "targets.kiro.description",
        "description",
      ]);
    }
    const frontmatter: FrontmatterField[] = [
      { key: "inclusion", value: inclusion },
      { key: "fileMatchPattern", value: inclusion === "fileMatch" ? pattern : undefined },
      { key: "name", value: inclusion === "auto" ? persona.id : undefined },
      { key: "description", value: description },
    ];
    const body = renderBody(ctx.render, "kiro/steering.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    return {
      files: [personaFile(outputs.steering, persona, { frontmatter, body: body.text })],
      diagnostics: dedupe(diagnostics),
    };
  },
});
