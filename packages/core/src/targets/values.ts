/** Small value helpers shared by the targets: one-line text, lists from overrides, de-duplication. */

/** Collapses whitespace, line breaks included, to single spaces: descriptions must be one line. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A list from an override written as a list or as a comma-separated string; blanks dropped. */
export function listOf(value: string | readonly string[]): string[] {
  const items = typeof value === "string" ? value.split(",") : [...value];
  return items.map((v) => v.trim()).filter((v) => v !== "");
}

/** Drops repeated values, keeping first-seen order. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
