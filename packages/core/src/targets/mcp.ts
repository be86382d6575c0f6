// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
import { z } from "zod";
import { defineTarget } from "./define-target.js";

/** Per-persona overrides under frontmatter `targets.mcp`. */
export const McpOptionsSchema = z.strictObject({
  name: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
});
export type McpOptions = z.infer<typeof McpOptionsSchema>;

export const mcp = defineTarget({
  id: "mcp",
  title: "MCP prompts",
  outputs: [".mcp/prompts.json"],
  docs: ["https://modelcontextprotocol.io/specification/2025-11-25/server/prompts"],
  optionsSchema: McpOptionsSchema,
  compile() {
    return { files: [], diagnostics: [] };
  },
});
