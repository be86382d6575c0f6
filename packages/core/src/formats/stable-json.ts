/**
 * JSON text that `stableStringify` made earlier, at the indent where it is now embedded: kept as
 * text so a large document (an MCP prompts file for thousands of personas) is assembled from
 * small finished pieces instead of holding every object until the end.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * JSON with object keys sorted in code-unit order at every level and a 2-space indent, so the same
 * data always gives the same bytes. Written out rather than relying on `JSON.stringify` key order,
 * which follows insertion order except that integer-like keys always come first. The pieces are
 * joined once at the end, so a large document is copied once, not once per level of nesting.
 */
export function stableStringify(value: unknown, indent = ""): string {
  const out: string[] = [];
  write(value, indent, out);
  return out.join("");
}

/**
 * `stableStringify` as the pieces of a file, final newline included, not joined: a document of
 * tens of megabytes (an MCP prompts file) can then be hashed, compared and written piece by piece.
 */
export function stableJsonPieces(value: unknown): string[] {
  const out: string[] = [];
  write(value, "", out);
  out.push("\n");
  return out;
}

function write(value: unknown, indent: string, out: string[]): void {
  if (value instanceof RawJson) {
    out.push(value.text);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push("[]");
      return;
    }
    out.push("[\n");
    value.forEach((v, i) => {
      out.push(i === 0 ? inner : `,\n${inner}`);
      write(v, inner, out);
    });
    out.push(`\n${indent}]`);
    return;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) {
      out.push("{}");
      return;
    }
    out.push("{\n");
    keys.forEach((k, i) => {
      out.push(`${i === 0 ? "" : ",\n"}${inner}${JSON.stringify(k)}: `);
      write(record[k], inner, out);
    });
    out.push(`\n${indent}}`);
    return;
  }
  // Strings, finite numbers, booleans and null; JSON.stringify escapes quotes, backslashes and
  // control characters, so any persona text round-trips through JSON.parse.
  out.push(JSON.stringify(value ?? null));
}
