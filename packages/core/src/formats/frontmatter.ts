import { stringify } from "yaml";

/**
 * YAML frontmatter, built from values and serialised with the `yaml` package, never templated: a
 * newline or `: ` inside a description cannot inject keys (ADVERSARIAL.md row 12), and `yaml`
 * quotes exactly the scalars YAML needs quoted (a leading `*`, `- `, `#`, numbers-as-strings).
 */

/** A key and the value to serialise under it; `undefined` leaves the key out. */
export interface FrontmatterField {
  key: string;
  value: unknown;
}

/** A line written by hand, for a reader that is not YAML (Cursor's unquoted comma-joined `globs`). */
export interface RawFrontmatterLine {
  raw: string;
}

/**
 * Serialises entries, in the order given, into a `---` fenced frontmatter block. Entries whose value
 * is `undefined` are left out.
 */
export function frontmatter(entries: readonly (FrontmatterField | RawFrontmatterLine)[]): string {
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
