import type { OwnedFormat } from "./format.js";
import { HASH_PLACEHOLDER, type MarkerLine, markerLineAt, markerText, normalizeOutput, sealHash } from "./marker.js";

/** A TOML value persona writes: strings, numbers, booleans, arrays of them, and tables. */
export type TomlValue = string | number | boolean | readonly TomlValue[] | TomlTable;
/** A TOML table; `undefined` values are left out. */
export interface TomlTable {
  readonly [key: string]: TomlValue | undefined;
}

/** A TOML file: its top-level table, in the order keys should be written. */
export interface TomlDoc {
  value: TomlTable;
}

// TOML 1.0 bare keys: ASCII letters, digits, `-` and `_`; anything else is quoted.
const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function key(name: string): string {
  return BARE_KEY.test(name) ? name : basicString(name);
}

/** Characters TOML strings may not hold literally (all controls but tab; newline where noted). */
function escapeControl(ch: string): string {
  const named: Record<string, string> = { "\b": "\\b", "\f": "\\f", "\r": "\\r", "\n": "\\n", "\t": "\\t" };
  return named[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A one-line basic string: `"…"` with `\`, `"` and control characters escaped. */
function basicString(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, escapeControl)}"`;
}

/**
 * A multi-line basic string (`"""…"""`) for text with line breaks, so a prompt reads as prose in
 * the file. Backslashes are escaped (a line-ending `\` would join lines), as is every quote in a
 * run of three or more (it would close the string); controls other than tab and newline too.
 */
function multilineString(text: string): string {
  const body = text
    .replace(/\\/g, "\\\\")
    .replace(/"{3,}/g, (run) => run.replace(/"/g, '\\"'))
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, escapeControl);
  // A quote right before the closing delimiter would read as part of it.
  const end = body.endsWith('"') ? `${body.slice(0, -1)}\\"` : body;
  return `"""\n${end}"""`;
}

function isTable(value: TomlValue): value is TomlTable {
  return typeof value === "object" && !Array.isArray(value);
}

function inlineValue(value: TomlValue): string {
  if (typeof value === "string") return value.includes("\n") ? multilineString(value) : basicString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("TOML numbers must be finite");
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inlineValue).join(", ")}]`;
  const entries = Object.entries(value as TomlTable).filter((e): e is [string, TomlValue] => e[1] !== undefined);
  return `{ ${entries.map(([k, v]) => `${key(k)} = ${inlineValue(v)}`).join(", ")} }`;
}

/** Serialises a table: its plain keys first, then each sub-table under its `[header]`. */
export function stringifyToml(table: TomlTable, path: readonly string[] = []): string {
  const entries = Object.entries(table).filter((e): e is [string, TomlValue] => e[1] !== undefined);
  let out = "";
  for (const [name, value] of entries) if (!isTable(value)) out += `${key(name)} = ${inlineValue(value)}\n`;
  for (const [name, value] of entries) {
    if (!isTable(value)) continue;
    const header = [...path, name];
    out += `\n[${header.map(key).join(".")}]\n${stringifyToml(value, header)}`;
  }
  return out;
}

/** The marker is a comment on the first line: TOML readers skip comments. */
function findMarker(text: string, complete: boolean): MarkerLine | "more" | undefined {
  if (!complete && !text.includes("\n")) return "more";
  return markerLineAt(text, 0);
}

/**
 * TOML (Codex agents, Gemini CLI commands), serialised from a table by the small writer above,
 * never templated: strings are escaped by TOML's rules, and prose keeps its line breaks in
 * multi-line strings.
 */
export const toml: OwnedFormat<TomlDoc> = {
  name: "toml",
  description: "TOML; the marker is a comment on the first line",
  owns: "file",
  write(doc, stamp) {
    const text = normalizeOutput(`# ${markerText(stamp, HASH_PLACEHOLDER)}\n${stringifyToml(doc.value)}`);
    return [sealHash(text, findMarker(text, true) as MarkerLine | undefined)];
  },
  findMarker,
};
