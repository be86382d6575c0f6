// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
// `.mcp/prompts.json` holds what `prompts/list` returns for each persona plus the messages
// `prompts/get` fills in (see mcp-prompts.ts); `persona mcp` serves the same definitions live.
// The file is serialised from an object with sorted keys, never templated (ADVERSARIAL.md row 13).
import { generatedNotice } from "../finalize.js";
import { defineTarget } from "./define-target.js";
import { assemblePrompts, McpOptionsSchema, promptPart } from "./mcp-prompts.js";
import { stableStringify } from "./stable-json.js";
import { dedupe } from "./support.js";

export { type McpOptions, McpOptionsSchema } from "./mcp-prompts.js";

export const mcp = defineTarget({
  id: "mcp",
  title: "MCP prompts",
  outputs: [".mcp/prompts.json"],
  docs: ["https://modelcontextprotocol.io/specification/2025-11-25/server/prompts"],
  optionsSchema: McpOptionsSchema,
  compilePersona(persona, ctx) {
    const { part, diagnostics } = promptPart(persona, ctx.render, ctx.optionsOf);
    return { files: [], diagnostics: dedupe(diagnostics), part };
  },
  compileShared(parts) {
    const { prompts, diagnostics } = assemblePrompts(parts);
    if (parts.length === 0) return { files: [], diagnostics };
    const sources = parts.map((p) => p.source);
    // JSON has no comments: the marker is the `$comment` field (the JSON Schema convention for
    // notes), which `isGeneratedFile` finds near the top of the file.
    const contents = stableStringify({ $comment: generatedNotice(sources), prompts });
    return {
      files: [{ path: ".mcp/prompts.json", contents, sources, marker: "json" }],
      diagnostics,
    };
  },
});
