/**
 * JSON with object keys sorted in code-unit order at every level and a 2-space indent, so the same
 * data always gives the same bytes. Written out rather than relying on `JSON.stringify` key order,
 * which follows insertion order except that integer-like keys always come first.
 */
export function stableStringify(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + stableStringify(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) return "{}";
    const entries = keys.map(
      (k) => `${inner}${JSON.stringify(k)}: ${stableStringify((value as Record<string, unknown>)[k], inner)}`,
    );
    return `{\n${entries.join(",\n")}\n${indent}}`;
  }
  // Strings, finite numbers, booleans and null; JSON.stringify escapes quotes, backslashes and
  // control characters, so any persona text round-trips through JSON.parse.
  return JSON.stringify(value ?? null);
}
