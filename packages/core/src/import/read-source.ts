import { parseDocument } from "yaml";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { findFrontmatter, parseFrontmatter } from "../parse/frontmatter.js";
import { LineIndex } from "../parse/text.js";

/** Another tool's file split into its frontmatter data and its body, as `persona import` reads it. */
export interface SourceParts {
  /** The frontmatter's values; undefined when the file has none. */
  data?: Record<string, unknown>;
  /** The text after the frontmatter, as written. */
  body: string;
  /** The 1-based line of the file where `body` starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

// Keys that could reach an object prototype; strict parsing refuses them, and so does this reader.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * Reads a foreign file's frontmatter. Other tools are laxer than persona (Copilot's examples leave
 * prose under an empty `description:`, b00t writes backticks in a flow list), and importing exists
 * to take such files in: frontmatter that strict YAML rejects is read line by line with a warning,
 * and one that is never closed is read up to its last `key: value` line. `text` is normalised
 * (no BOM, LF line ends).
 */
export function readSource(text: string, path: string): SourceParts {
  const index = new LineIndex(text);
  const fence = findFrontmatter(text, path);
  if (!fence.readable) {
    if (/^---[ \t]*\n/.test(text)) return readUnterminated(text, path);
    return { body: "", bodyLine: 1, diagnostics: fence.diagnostics };
  }
  if (!fence.frontmatter) return { body: text, bodyLine: 1, diagnostics: [] };
  const { content, contentOffset, bodyOffset } = fence.frontmatter;
  const bodyLine = index.position(bodyOffset).line;
  const body = text.slice(bodyOffset);
  const parsed = parseFrontmatter(content, contentOffset, bodyOffset, path, index);
  if (parsed.frontmatter) {
    // The source's own lenient readings (an unquoted `globs: **/*.ts`) are facts about that file,
    // not problems with the import: the persona file gets the values quoted.
    return { data: parsed.frontmatter.data, body, bodyLine, diagnostics: [] };
  }
  const first = parsed.diagnostics.find((d) => d.severity === "error");
  const at = first ? { line: first.line, column: first.column } : { line: 1, column: 1 };
  const problem = first ? `${first.rule}: ${first.message}` : "unreadable";
  return {
    data: readLines(content.split("\n")),
    body,
    bodyLine,
    diagnostics: [diagnostic("warning", RULES.importFrontmatter, MESSAGES.importNotYaml(problem), path, at)],
  };
}

/** A frontmatter never closed: its leading comment and `key: value` lines, then the body. */
function readUnterminated(text: string, path: string): SourceParts {
  const lines = text.split("\n");
  let end = 1;
  let lastKey = 1;
  for (; end < lines.length; end++) {
    const line = lines[end] as string;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!KEY_LINE.test(line)) break;
    lastKey = end;
  }
  // Blank lines and comments after the last key belong to the body, where they read as markdown.
  const bodyStart = lastKey + 1;
  const at = { line: bodyStart + 1, column: 1 };
  return {
    data: readLines(lines.slice(1, bodyStart)),
    body: lines.slice(bodyStart).join("\n"),
    bodyLine: bodyStart + 1,
    diagnostics: [diagnostic("warning", RULES.importFrontmatter, MESSAGES.importUnterminated(bodyStart), path, at)],
  };
}

/**
 * Frontmatter lines read one `key: value` at a time: each value as YAML when that one line parses,
 * else as the text written; indented lines continue the key above. Comments are skipped.
 */
function readLines(lines: readonly string[]): Record<string, unknown> {
  const data = Object.create(null) as Record<string, unknown>;
  let key: string | undefined;
  let raw: string[] = [];
  const flush = () => {
    if (key !== undefined) data[key] = readValue(raw.join("\n").trim());
  };
  for (const line of lines) {
    const match = KEY_LINE.exec(line);
    if (match && FORBIDDEN_KEYS.has(match[1] as string)) {
      flush();
      key = undefined;
    } else if (match) {
      flush();
      key = match[1] as string;
      raw = [match[2] ?? ""];
    } else if (key !== undefined && !/^\s*#/.test(line)) raw.push(line);
  }
  flush();
  return data;
}

function readValue(raw: string): unknown {
  if (raw === "") return null;
  // Prose over several lines stays as written: YAML would fold its line breaks into spaces.
  if (raw.includes("\n")) return raw;
  const doc = parseDocument(raw, { prettyErrors: false, schema: "core" });
  return doc.errors.length > 0 ? raw : (doc.toJS() as unknown);
}
