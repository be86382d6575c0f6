/**
 * A delimited block persona owns inside a file the user also edits. Only the text from the begin
 * line through the end line is persona's; everything outside it is the user's and is carried over
 * unchanged. Shared by every merged format (a markdown managed block, a block of YAML entries).
 */

/** The merged file, or the reason the existing markers cannot be trusted and where it is. */
export type MergeResult = { text: string } | { problem: string; offset: number };

/**
 * Puts `block` into `existing`: replaces the text from the begin marker through the end marker,
 * appends the block after the user's text when there is none yet (the CLI decides whether it may
 * write such a file), or creates the file with only the block. Markers that are unpaired, doubled
 * or reversed are reported rather than guessed at, since a wrong guess would overwrite user text.
 */
export function mergeBlock(
  existing: string | undefined,
  block: string,
  markers: { begin: string; end: string },
): MergeResult {
  if (existing === undefined) return { text: `${block}\n` };
  const begin = existing.indexOf(markers.begin);
  const end = existing.indexOf(markers.end);
  if (begin === -1 && end === -1) {
    const gap = existing === "" || existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
    return { text: `${existing}${gap}${block}\n` };
  }
  if (begin === -1) return { problem: "an end marker without a begin marker", offset: end };
  if (end === -1) return { problem: "a begin marker without an end marker", offset: begin };
  if (end < begin) return { problem: "the end marker comes before the begin marker", offset: end };
  const again = existing.indexOf(markers.begin, begin + markers.begin.length);
  if (again !== -1) return { problem: "a second begin marker", offset: again };
  const afterEnd = end + markers.end.length;
  const endAgain = existing.indexOf(markers.end, afterEnd);
  if (endAgain !== -1) return { problem: "a second end marker", offset: endAgain };
  return { text: existing.slice(0, begin) + block + existing.slice(afterEnd) };
}

/** True when a text holds both lines of a block. */
export function holdsBlock(text: string, markers: { begin: string; end: string }): boolean {
  return text.includes(markers.begin) && text.includes(markers.end);
}

/** Looks for a block's begin and end lines in a text fed in chunks. */
export class BlockSearch {
  #tail = "";
  #begin = false;
  #end = false;
  readonly #markers: { begin: string; end: string };
  readonly #overlap: number;

  constructor(markers: { begin: string; end: string }) {
    this.#markers = markers;
    this.#overlap = Math.max(markers.begin.length, markers.end.length) - 1;
  }

  feed(chunk: string): void {
    if (this.#begin && this.#end) return;
    const text = this.#tail + chunk;
    this.#begin ||= text.includes(this.#markers.begin);
    this.#end ||= text.includes(this.#markers.end);
    this.#tail = text.slice(-this.#overlap);
  }

  found(): boolean {
    return this.#begin && this.#end;
  }
}
