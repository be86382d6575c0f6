import { stringify } from "yaml";

/**
 * YAML frontmatter, built from values and serialised with the `yaml` package, never templated: a
 * newline or `: ` inside a description cannot inject keys (ADVERSARIAL.md row 12), and `yaml`
 * quotes exactly the scalars YAML needs quoted (a leading `*`, `- `, `#`, numbers-as-strings).
 */

/** One line (or block) of frontmatter: a key and value to serialise, or a line written by hand. */
export type FrontmatterEntry = { key: string; value: unknown } | { raw: string };

/**
 * Serialises entries, in the order given, into a `---` fenced frontmatter block. Entries whose value
 * is `undefined` are left out. `raw` lines are the documented exception for formats whose reader is
 * not YAML (Cursor's unquoted comma-joined `globs`).
 */
export function frontmatter(entries: readonly FrontmatterEntry[]): string {
  let out = "";
  // Consecutive keys are serialised together: one `stringify` per run, not per key (it is the
  // costly part of writing thousands of files), with the same bytes as key by key.
  let run: Record<string, unknown> | undefined;
  const flush = () => {
    if (run) out += stringify(run, { lineWidth: 0 });
    run = undefined;
  };
  for (const entry of entries) {
    if ("raw" in entry) {
      flush();
      out += `${entry.raw}\n`;
    } else if (entry.value !== undefined) {
      run ??= {};
      Object.defineProperty(run, entry.key, {
        value: entry.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  flush();
  return `---\n${out}---\n`;
}

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
