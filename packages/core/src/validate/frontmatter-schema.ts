import { z } from "zod";
import { targets } from "../targets/index.js";

/** A list written as a YAML list, a comma-separated string, or a JSON array inside a string. */
export const StringListSchema = z.union([z.array(z.string()), z.string()]);

const targetOptions = Object.fromEntries(
  Object.entries(targets).map(([id, target]) => [id, target.optionsSchema.optional()]),
) as { [K in keyof typeof targets]: z.ZodOptional<(typeof targets)[K]["optionsSchema"]> };

/**
 * The frontmatter of a persona file. Known keys are typed; every other key is kept in `meta` as
 * written. The `targets:` block is composed from the registry, so each target owns its options
 * and the persona schema never lists tools by hand.
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
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

/** Keys of the frontmatter schema that map to model fields; everything else goes to `meta`. */
export const KNOWN_KEYS = new Set(Object.keys(FrontmatterSchema.shape));

/**
 * The JSON Schema of persona frontmatter, for editors (`persona schema`, yaml-language-server).
 */
export function toJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(FrontmatterSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
