import { z } from "zod";

/** A list written as a YAML list, a comma-separated string, or a JSON array inside a string. */
export const StringListSchema = z.union([z.array(z.string()), z.string()]);

/**
 * The frontmatter of a persona file. Known keys are typed. Other keys are still accepted and kept
 * in the model's `meta` as written, but only `meta:` itself and `x-` keys are the user's own data:
 * any other unknown key gets a `frontmatter/unknown-key` warning where compiling starts (a typo
 * must not vanish). The `targets:` block is only checked to be a mapping of mappings here: each
 * target validates its own options when compiling starts (`checkTargetOptions`), so parsing never
 * loads the targets, and the persona schema never lists tools by hand.
 */
export const FrontmatterSchema = z.looseObject({
  name: z.string().min(1).optional().describe("The persona id (kebab-case); defaults to the file name"),
  description: z.string().optional().describe("When to use this persona; the first paragraph by default"),
  tools: StringListSchema.optional().describe("Tool names: a list, a comma-separated string or a JSON array"),
  model: z.string().optional().describe("Model for targets that take one (for example `sonnet`)"),
  globs: StringListSchema.optional().describe("File globs that activate the persona"),
  applyTo: StringListSchema.optional().describe("File globs that activate the persona (Copilot's name)"),
  triggers: z
    .strictObject({
      keywords: StringListSchema.optional(),
      files: StringListSchema.optional(),
      contexts: z.array(z.string()).optional(),
    })
    .optional()
    .describe("Activation triggers, merged with the body's Auto-Activation Triggers section"),
  targets: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe("Per-target overrides"),
  include: z
    .array(
      z.union([
        z.string().min(1),
        z.strictObject({ path: z.string().min(1), at: z.enum(["start", "end"]).optional() }),
      ]),
    )
    .optional()
    .describe(
      "Markdown fragments, relative to this file, placed before (`at: start`) or after (the default) its sections",
    ),
  extends: z.string().min(1).optional().describe("The id of the persona this one starts from"),
  layout: z
    .enum(["structured", "verbatim"])
    .optional()
    .describe(
      "How targets lay out the body: `structured` (the default) renders the fields in a fixed order; `verbatim` emits the body as written",
    ),
  meta: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Your own data: kept in the model's `meta` (and for templates), never read by persona"),
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

/** Keys of the frontmatter schema that map to model fields; everything else goes to `meta`. */
export const KNOWN_KEYS = new Set(Object.keys(FrontmatterSchema.shape));

/** Keys starting with `x-` are the user's own data, like `meta:` (the OpenAPI convention). */
export const USER_KEY_PATTERN = "^x-";

/** Whether a top-level key is the user's own data rather than something persona reads. */
export function isUserDataKey(key: string): boolean {
  return new RegExp(USER_KEY_PATTERN).test(key);
}
