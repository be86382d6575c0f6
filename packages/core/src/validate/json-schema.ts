import { z } from "zod";
import { targets } from "../targets/index.js";
import { FrontmatterSchema, USER_KEY_PATTERN } from "./frontmatter-schema.js";

/**
 * The JSON Schema of persona frontmatter, for editors (`persona schema`, yaml-language-server):
 * the frontmatter schema with its `targets:` block composed from the registry, so each target's
 * overrides are described by the target's own options schema. It is closed: unknown keys are
 * flagged, except `x-` keys and the `meta` object.
 */
export function toJsonSchema(): Record<string, unknown> {
  const targetOptions = Object.fromEntries(
    Object.entries(targets).map(([id, target]) => [id, (target.optionsSchema as z.ZodType).optional()]),
  );
  const schema = FrontmatterSchema.extend({
    targets: z.strictObject(targetOptions).optional().describe("Per-target overrides"),
  });
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  // Closed, with `x-` keys and the `meta` object as the escapes, so a validator flags a typo as
  // `persona validate` warns about it.
  return { ...json, patternProperties: { [USER_KEY_PATTERN]: {} }, additionalProperties: false };
}
