import { z } from "zod";
import { targets } from "../targets/index.js";

/** A list written as a YAML list, a comma-separated string, or a JSON array inside a string. */
export const StringListSchema = z.union([z.array(z.string()), z.string()]);

const targetOptions = Object.fromEntries(
  Object.entries(targets).map(([id, target]) => [id, target.optionsSchema.optional()]),
) as { [K in keyof typeof targets]: z.ZodOptional<(typeof targets)[K]["optionsSchema"]> };

/**
 * The frontmatter of a persona file. Known keys are typed. Other keys are still accepted and kept
 * in the model's `meta` as written, but only `meta:` itself and `x-` keys are the user's own data:
 * any other unknown key gets a `frontmatter/unknown-key` warning (a typo must not vanish). The
 * `targets:` block is composed from the registry, so each target owns its options and the persona
 * schema never lists tools by hand.
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
  targets: z.strictObject(targetOptions).optional().describe("Per-target overrides"),
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

/**
 * The JSON Schema of persona frontmatter (`persona schema`), for tools that validate YAML against
 * JSON Schema. It is closed — `additionalProperties: false`, with `x-` keys and the `meta` object
 * as the escapes — so a validator flags a typo as `persona validate` warns about it.
 */
export function toJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(FrontmatterSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, patternProperties: { [USER_KEY_PATTERN]: {} }, additionalProperties: false };
}
