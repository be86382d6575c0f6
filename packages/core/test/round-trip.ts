/**
 * Instruction-line comparison for round trips (import a tool's file, compile it back to that tool):
 * every non-blank line of the original body must appear in the output, in the original order.
 * Lines are compared after normalising what does not change an instruction: surrounding and
 * repeated whitespace, list markers (`-`, `*`, `+`, `1.`, `1)`) and heading markers (`##`), since
 * targets render lists and heading levels in their own style.
 */

/** A line of the original that the output does not carry where it should. */
export interface LostLine {
  /** 1-based line in the original file. */
  line: number;
  text: string;
  /** `missing`: nowhere in the output; `out-of-order`: present, but only before an earlier line's match. */
  why: "missing" | "out-of-order";
}

/** The text of a line with whitespace, list and heading markers normalised; "" for a blank line. */
export function normalizeLine(line: string): string {
  let text = line.trim().replace(/\s+/g, " ");
  // Markers may stack (`- 1. item`, `> - item`); strip them until none is left.
  for (;;) {
    const next = text.replace(/^(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)(?: |$)/, "").trimStart();
    if (next === text) return text;
    text = next;
  }
}

/** The body of a markdown file: the text after a leading `---` frontmatter block, if any. */
export function bodyOf(text: string): { body: string; firstLine: number } {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---[^\n]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) return { body: normalized, firstLine: 1 };
  return { body: normalized.slice(match[0].length), firstLine: match[0].split("\n").length };
}

/** The instruction lines of a text: each non-blank line, normalised, with its 1-based line number. */
export function instructionLines(text: string, firstLine = 1): { line: number; text: string }[] {
  return text
    .split("\n")
    .map((raw, i) => ({ line: firstLine + i, text: normalizeLine(raw) }))
    .filter((l) => l.text !== "");
}

/**
 * The lines of `original` (numbered from `firstLine`) that `output` does not carry in order. Each
 * original line is looked for after the previous one's match, so a line that only appears earlier
 * is reported as out of order rather than matched backwards.
 */
export function lostLines(original: string, output: string, firstLine = 1): LostLine[] {
  const want = instructionLines(original, firstLine);
  const have = instructionLines(output).map((l) => l.text);
  const lost: LostLine[] = [];
  let cursor = 0;
  for (const line of want) {
    const at = have.indexOf(line.text, cursor);
    if (at !== -1) {
      cursor = at + 1;
      continue;
    }
    lost.push({ ...line, why: have.includes(line.text) ? "out-of-order" : "missing" });
  }
  return lost;
}
