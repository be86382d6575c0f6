/**
 * A delimited block persona owns inside a file the user also edits. Only the text from the begin
 * line through the end line is persona's; everything outside it is the user's and is carried over
 * unchanged. Shared by every merged format (a markdown managed block, a block of YAML entries).
 */

import { detached } from "./detached.js";
import { bufferOf, type FileText, textOf, viewOf } from "./file-text.js";
import type { Merged, MergedFormat } from "./format.js";
import { digestOf, hashText, type MarkerLine, newContentHash, readMarkerFields } from "./marker.js";

/**
 * The merged file in chunks (the user's text before the block, the block's own chunks, the user's
 * text after it), or the reason the existing markers cannot be trusted and where it is.
 */
export type MergeResult = Merged | { problem: string; offset: number };

/**
 * Puts `block` into `existing`: replaces the text from the begin marker through the end marker,
 * appends the block after the user's text when there is none yet (the CLI decides whether it may
 * write such a file), or creates the file with only the block. Markers that are unpaired, doubled
 * or reversed are reported rather than guessed at, since a wrong guess would overwrite user text.
 */
export function mergeBlock(
  existing: string | undefined,
  block: readonly string[],
  markers: { begin: string; end: string },
): MergeResult {
  // Never joined: a block of thousands of personas is tens of megabytes, and one non-Latin-1
  // character (the begin line's dash) makes a joined copy two bytes a character.
  if (existing === undefined) return { chunks: [...block, "\n"], ours: [0, block.length] };
  const begin = existing.indexOf(markers.begin);
  const end = existing.indexOf(markers.end);
  if (begin === -1 && end === -1) {
    const gap = existing === "" || existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
    return { chunks: [`${existing}${gap}`, ...block, "\n"], ours: [1, block.length + 1] };
  }
  if (begin === -1) return { problem: "an end marker without a begin marker", offset: end };
  if (end === -1) return { problem: "a begin marker without an end marker", offset: begin };
  if (end < begin) return { problem: "the end marker comes before the begin marker", offset: end };
  const again = existing.indexOf(markers.begin, begin + markers.begin.length);
  if (again !== -1) return { problem: "a second begin marker", offset: again };
  const afterEnd = end + markers.end.length;
  const endAgain = existing.indexOf(markers.end, afterEnd);
  if (endAgain !== -1) return { problem: "a second end marker", offset: endAgain };
  return { chunks: [existing.slice(0, begin), ...block, existing.slice(afterEnd)], ours: [1, block.length + 1] };
}

/** True when a text holds both lines of a block. */
export function holdsBlock(text: string, markers: { begin: string; end: string }): boolean {
  return text.includes(markers.begin) && text.includes(markers.end);
}

/**
 * Looks for a block's begin and end lines in a text fed in chunks, of text or of its UTF-8 bytes.
 * Each chunk is searched as it is, and only the few characters (or bytes) across its edge with the
 * one before are joined: a file of tens of megabytes read a megabyte at a time is never copied.
 */
export class BlockSearch {
  #tail = "";
  #tailBytes: Buffer = Buffer.alloc(0);
  #begin = false;
  #end = false;
  readonly #markers: { begin: string; end: string };
  readonly #bytes: { begin: Buffer; end: Buffer };
  readonly #overlap: number;
  readonly #overlapBytes: number;

  constructor(markers: { begin: string; end: string }) {
    this.#markers = markers;
    this.#bytes = { begin: Buffer.from(markers.begin, "utf8"), end: Buffer.from(markers.end, "utf8") };
    this.#overlap = Math.max(markers.begin.length, markers.end.length) - 1;
    this.#overlapBytes = Math.max(this.#bytes.begin.length, this.#bytes.end.length) - 1;
  }

  feed(chunk: string | Uint8Array): void {
    if (this.#begin && this.#end) return;
    if (typeof chunk !== "string") {
      this.#feedBytes(bufferOf(chunk));
      return;
    }
    const edge = this.#tail + chunk.slice(0, this.#overlap);
    const holds = (marker: string) => chunk.includes(marker) || edge.includes(marker);
    this.#begin ||= holds(this.#markers.begin);
    this.#end ||= holds(this.#markers.end);
    this.#tail = chunk.length >= this.#overlap ? chunk.slice(chunk.length - this.#overlap) : edge.slice(-this.#overlap);
  }

  #feedBytes(chunk: Buffer): void {
    const edge = Buffer.concat([this.#tailBytes, chunk.subarray(0, this.#overlapBytes)]);
    const holds = (marker: Buffer) => chunk.includes(marker) || edge.includes(marker);
    this.#begin ||= holds(this.#bytes.begin);
    this.#end ||= holds(this.#bytes.end);
    // A copy: the caller may read the next chunk into the same buffer.
    const from = chunk.length >= this.#overlapBytes ? chunk : edge;
    this.#tailBytes = Buffer.from(from.subarray(Math.max(0, from.length - this.#overlapBytes)));
  }

  found(): boolean {
    return this.#begin && this.#end;
  }
}

/**
 * The hash a block's notice carries (the line after its begin line): over the block's text after
 * the notice, through the end line. It says whether the block is still as persona wrote it, so a
 * build whose personas are all current can trust the file without assembling it again (a block
 * can list thousands of personas). The user's text around the block is not covered: editing it
 * is theirs to do, and changes nothing persona writes.
 */
export function blockHash(afterNotice: string | readonly string[]): string {
  const hash = newContentHash();
  for (const chunk of typeof afterNotice === "string" ? [afterNotice] : afterNotice)
    hashText(hash, chunk, 0, chunk.length);
  return digestOf(hash);
}

/**
 * The fields of a block's notice (its build key above all) when the file holds exactly one block,
 * begin line before end line, whose notice hash matches its text; undefined otherwise (no block,
 * markers a merge would refuse, a block edited by hand, or a notice from before block hashes).
 * CRLF is read as LF.
 */
export function intactBlock(
  contents: FileText,
  markers: { begin: string; end: string },
): Pick<MarkerLine, "build" | "files" | "parts"> | undefined {
  const text = viewOf(contents);
  const begin = text.indexOf(markers.begin);
  const end = text.indexOf(markers.end);
  if (begin === -1 || end < begin) return undefined;
  if (text.indexOf(markers.begin, begin + 1) !== -1 || text.indexOf(markers.end, end + 1) !== -1) return undefined;
  const noticeStart = text.indexOf("\n", begin) + 1;
  const noticeEnd = text.indexOf("\n", noticeStart);
  if (noticeStart === 0 || noticeEnd === -1 || noticeEnd > end) return undefined;
  const { hash, ...fields } = readMarkerFields(text.slice(noticeStart, noticeEnd));
  if (hash === undefined) return undefined;
  const sum = newContentHash();
  text.hash(sum, noticeEnd + 1, end + text.lengthOf(markers.end));
  return digestOf(sum) === hash ? fields : undefined;
}

/**
 * A file's text with its block hollowed out — the begin and end lines kept, nothing between them —
 * when the block is intact (`format.intact`); otherwise the text itself. Merging a new block into
 * it gives exactly what merging into the whole text gives (a merge replaces everything from the
 * begin line through the end line, and an intact block has no second marker nor a clash), so a
 * build of thousands of personas need not hold the old block (tens of megabytes) while it
 * assembles the new one. The pieces kept are copies: nothing refers to the whole text after.
 */
export function hollowBlock(format: MergedFormat<unknown>, contents: FileText): string {
  if (format.intact(contents) === undefined) return textOf(contents);
  // The user's text as it is around the block, CRLF and all.
  const text = viewOf(contents, true);
  const begin = text.indexOf(format.begin) + text.lengthOf(format.begin);
  const end = text.indexOf(format.end);
  return `${detached(text.slice(0, begin))}\n${detached(text.slice(end))}`;
}
