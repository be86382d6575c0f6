// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
// `.mcp/prompts.json` holds what `prompts/list` returns for each persona plus the messages
// `prompts/get` fills in (see mcp-prompts.ts); `persona mcp` serves the same definitions live.
// The file is serialised from an object with sorted keys, never templated (ADVERSARIAL.md row 13).
import { sealableNotice } from "../finalize.js";
import { defineTarget } from "./define-target.js";
import { McpOptionsSchema, promptPart, uniquePromptNames } from "./mcp-prompts.js";
import { RawJson, stableJsonPieces, stableStringify } from "./stable-json.js";
import { dedupe } from "./support.js";

export { type McpOptions, McpOptionsSchema } from "./mcp-prompts.js";

/** What a persona contributes to the prompts file: its prompt's name and finished JSON. */
export interface McpPart {
  source: string;
  name?: string | undefined;
  json?: RawJson | undefined;
}

// `{ "prompts": [ <element> ] }`: an element sits two levels in.
const PROMPT_INDENT = "    ";

export const mcp = defineTarget({
  id: "mcp",
  title: "MCP prompts",
  outputs: [".mcp/prompts.json"],
  docs: ["https://modelcontextprotocol.io/specification/2025-11-25/server/prompts"],
  optionsSchema: McpOptionsSchema,
  compilePersona(persona, ctx) {
    const { part, diagnostics } = promptPart(persona, ctx.render, ctx.optionsOf);
    // Kept as finished JSON at the indent of an element of `prompts`: see RawJson.
    const json = part.prompt && new RawJson(stableStringify(part.prompt, PROMPT_INDENT));
    const mcpPart: McpPart = { source: part.source, name: part.prompt?.name, json };
    return { files: [], diagnostics: dedupe(diagnostics), part: mcpPart };
  },
  compileShared(parts) {
    const { kept, diagnostics } = uniquePromptNames(parts);
    if (parts.length === 0) return { files: [], diagnostics };
    const sources = parts.map((p) => p.source);
    const prompts = kept.flatMap((p) => (p.json ? [p.json] : []));
    // JSON has no comments: the marker is the `$comment` field (the JSON Schema convention for
    // notes), which `isGeneratedFile` finds near the top of the file.
    const pieces = stableJsonPieces({ $comment: sealableNotice(sources), prompts });
    return {
      files: [{ path: ".mcp/prompts.json", contents: "", pieces, sources, marker: "json" }],
      diagnostics,
    };
  },
});
