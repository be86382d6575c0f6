// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
// `.mcp/prompts.json` holds what `prompts/list` returns for each persona plus the messages
// `prompts/get` fills in (see mcp-prompts.ts); `persona mcp` serves the same definitions live.
// The file is serialised from an object with sorted keys, never templated (ADVERSARIAL.md row 13).
import type { Position } from "../diagnostics/diagnostic.js";
import { json } from "../formats/json.js";
import { RawJson, stableStringify } from "../formats/stable-json.js";
import { defineOutput, defineTarget, emit } from "./define-target.js";
import { McpOptionsSchema, promptPart, uniquePromptNames } from "./mcp-prompts.js";
import { dedupe } from "./support.js";

export { type McpOptions, McpOptionsSchema } from "./mcp-prompts.js";

/** What a persona contributes to the prompts file: its prompt's name and finished JSON. */
export interface McpPart {
  source: string;
  at?: Position | undefined;
  name?: string | undefined;
  json?: RawJson | undefined;
}

// `{ "prompts": [ <element> ] }`: an element sits two levels in.
const PROMPT_INDENT = "    ";

const outputs = {
  prompts: defineOutput({
    path: ".mcp/prompts.json",
    format: json,
    description: "MCP prompt definitions (also served live by `persona mcp`)",
  }),
};

export const mcp = defineTarget({
  id: "mcp",
  title: "MCP prompts",
  docs: ["https://modelcontextprotocol.io/specification/2025-11-25/server/prompts"],
  outputs,
  optionsSchema: McpOptionsSchema,
  compilePersona(persona, options, ctx) {
    const { part, diagnostics } = promptPart(persona, ctx.render, options);
    // Kept as finished JSON at the indent of an element of `prompts`: see RawJson.
    const finished = part.prompt && new RawJson(stableStringify(part.prompt, PROMPT_INDENT));
    const mcpPart: McpPart = { source: part.source, at: part.at, name: part.prompt?.name, json: finished };
    return { files: [], diagnostics: dedupe(diagnostics), part: mcpPart };
  },
  compileShared(parts) {
    const { kept, diagnostics } = uniquePromptNames(parts);
    if (parts.length === 0) return { files: [], diagnostics };
    const prompts = kept.flatMap((p) => (p.json ? [p.json] : []));
    const file = emit(outputs.prompts, { value: { prompts } }, { sources: parts.map((p) => p.source) });
    return { files: [file], diagnostics };
  },
});
