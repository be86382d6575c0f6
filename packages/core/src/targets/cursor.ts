// Cursor project rules: https://cursor.com/docs/rules (TARGETS.md §2.1)
import { z } from "zod";
import { defineTarget } from "./define-target.js";

/** Per-persona overrides under frontmatter `targets.cursor`: the rule type's three fields. */
export const CursorOptionsSchema = z.strictObject({
  description: z.string().optional(),
  globs: z.union([z.string(), z.array(z.string())]).optional(),
  alwaysApply: z.boolean().optional(),
});
export type CursorOptions = z.infer<typeof CursorOptionsSchema>;

export const cursor = defineTarget({
  id: "cursor",
  title: "Cursor project rules",
  outputs: [".cursor/rules/<id>.mdc"],
  docs: ["https://cursor.com/docs/rules"],
  optionsSchema: CursorOptionsSchema,
  compile() {
    return { files: [], diagnostics: [] };
  },
});
