// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
// `.mcp/prompts.json` holds what `prompts/list` returns for each persona plus the messages
// `prompts/get` fills in (see mcp-prompts.ts); `persona mcp` serves the same definitions live.
// The file is serialised from an object with sorted keys, never templated (ADVERSARIAL.md row 13).
import type { Position } from "../diagnostics/diagnostic.js";
import type { FileText } from "../formats/file-text.js";
import { json } from "../formats/json.js";
import { linesOf } from "../formats/lines.js";
import { readMarkerSources } from "../formats/marker.js";
import { RawJson, stableStringify } from "../formats/stable-json.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget, emit } from "./define-target.js";
import { McpOptionsSchema, promptPart, uniquePromptNames } from "./mcp-prompts.js";
import { dedupe } from "./support.js";

export { type McpOptions, McpOptionsSchema } from "./mcp-prompts.js";

/**
 * What a persona contributes to the prompts file: its prompt's name and finished JSON (text, not a
 * `RawJson`: parts are plain data, which a part store may keep as JSON).
 */
export interface McpPart {
  source: string;
  at?: Position | undefined;
  name?: string | undefined;
  json?: string | undefined;
}

// `{ "prompts": [ <element> ] }`: an element sits two levels in.
const PROMPT_INDENT = "    ";

/**
 * The prompts of a prompts file, by source, read back as the finished JSON they were written
 * from: the marker names the sources and each prompt's build key in the order of the prompts, and
 * each prompt is the text from a `    {` line to the next `    }` line (JSON escapes line breaks
 * inside strings, so no string can hold such a line). Undefined when the counts disagree.
 */
function recoverPrompts(contents: FileText): Map<string, { build: string; part: McpPart }> | undefined {
  // Line by line, each prompt joined on its own: the file decoded whole is 34 MB at 10,000
  // personas, and every prompt cut from it would keep it all.
  const head: string[] = [];
  const elements: string[] = [];
  let element: string[] | undefined;
  for (const line of linesOf(contents)) {
    if (head.length < 2) head.push(line);
    if (element === undefined) {
      if (line === `${PROMPT_INDENT}{`) element = ["{"];
      continue;
    }
    if (line.startsWith(`${PROMPT_INDENT}}`)) {
      element.push(`${PROMPT_INDENT}}`);
      elements.push(element.join("\n"));
      element = undefined;
    } else {
      element.push(line);
    }
  }
  const top = `${head.join("\n")}\n`;
  const marker = json.findMarker(top, true);
  if (marker === undefined || marker === "more" || marker.parts === undefined) return undefined;
  const sources = readMarkerSources(top.slice(marker.start, marker.end));
  if (sources.length !== marker.parts.length || sources.length !== elements.length) return undefined;
  const out = new Map<string, { build: string; part: McpPart }>();
  for (const [i, source] of sources.entries()) {
    const element = elements[i] as string;
    const name = /^ {6}"name": ("(?:[^"\\]|\\.)*"),?$/m.exec(element)?.[1];
    if (name === undefined) return undefined;
    const part: McpPart = { source, name: JSON.parse(name) as string, json: element };
    out.set(source, { build: marker.parts[i] as string, part });
  }
  return out;
}

const outputs = targetOutputs["mcp"];

export const mcp = defineTarget({
  id: "mcp",
  title: "MCP prompts",
  docs: ["https://modelcontextprotocol.io/specification/2025-11-25/server/prompts"],
  outputs,
  optionsSchema: McpOptionsSchema,
  compilePersona(persona, options, ctx) {
    const { part, diagnostics } = promptPart(persona, ctx.render, options);
    // Kept as finished JSON at the indent of an element of `prompts`: see RawJson.
    const finished = part.prompt && stableStringify(part.prompt, PROMPT_INDENT);
    const mcpPart: McpPart = { source: part.source, at: part.at, name: part.prompt?.name, json: finished };
    return { files: [], diagnostics: dedupe(diagnostics), part: mcpPart };
  },
  compileShared(parts) {
    const { kept, diagnostics } = uniquePromptNames(parts.map((p) => p.part));
    if (parts.length === 0) return { files: [], diagnostics };
    const prompts = kept.flatMap((p) => (p.json === undefined ? [] : [new RawJson(p.json)]));
    // Each prompt's build key, so a build that recompiles one persona reuses the others' prompts.
    const doc = { value: { prompts }, parts: parts.map((p) => p.build) };
    const file = emit(outputs.prompts, doc, { sources: parts.map((p) => p.part.source) });
    return { files: [file], diagnostics };
  },
  recoverParts(text) {
    return recoverPrompts(text);
  },
});
