import { createHash } from "node:crypto";
/**
 * Input normalisation and offset → line/column conversion. A UTF-8 BOM is dropped and CRLF is read
 * as LF (DESIGN.md §3); positions are then reported against the normalised text, which has the same
 * lines and columns as the original because only line ends changed.
 */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes("\r\n") ? noBom.replace(/\r\n/g, "\n") : noBom;
}

/**
 * The SHA-256 of a source's text as persona reads it (BOM dropped, CRLF read as LF): a checkout
 * that converted line ends is the same source, and gives the same build keys and bytes.
 */
export function sourceHash(text: string): string {
  return createHash("sha256").update(normalizeText(text), "utf8").digest("hex");
}

/** Maps UTF-16 offsets to 1-based line and column numbers with a binary search over line starts. */
export class LineIndex {
  readonly #text: string;
  #lineStarts: number[] | undefined;

  // Built on first use: most texts are scanned and never asked for a position.
  constructor(text: string) {
    this.#text = text;
  }

  get #starts(): number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const text = this.#text;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  /** The 1-based position of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  /** The offset at which a 1-based line starts. */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? 0;
  }
}

/**
 * True when a file's text may be a multi-persona file: a line that looks like a flag heading. A
 * cheap, conservative test without parsing (a `#` line inside a code block counts too), for code
 * that must treat such files apart, such as the build's output cache.
 */
export function mayHoldPersonaFlags(text: string): boolean {
  return text.includes("--persona-") && /^ {0,3}#{1,6}[ \t]+`?--persona-/m.test(text);
}
