import { generatedNotice, MANAGED_BLOCK_BEGIN, MANAGED_BLOCK_END } from "../finalize.js";

/**
 * persona's block inside `.github/copilot-instructions.md`, a file that usually also holds the
 * user's own instructions. Only the text between the markers belongs to persona; everything
 * outside them is the user's and is carried over unchanged.
 */

/** Wraps rendered prose in the begin/end markers, with a notice naming the sources. */
export function managedBlock(prose: string, sources: readonly string[]): string {
  return [MANAGED_BLOCK_BEGIN, `<!-- ${generatedNotice(sources)} -->`, "", prose.trim(), "", MANAGED_BLOCK_END].join(
    "\n",
  );
}

/** The merged file, or the reason the existing markers cannot be trusted and where it is. */
export type MergeResult = { text: string } | { problem: string; offset: number };

/**
 * Puts `block` into `existing`: replaces the text from the begin marker through the end marker,
 * appends the block after the user's text when there is none yet (the CLI decides whether it may
 * write such a file), or creates the file with only the block. Markers that are unpaired, doubled
 * or reversed are reported rather than guessed at, since a wrong guess would overwrite user text.
 */
export function mergeManagedBlock(existing: string | undefined, block: string): MergeResult {
  if (existing === undefined) return { text: `${block}\n` };
  const begin = existing.indexOf(MANAGED_BLOCK_BEGIN);
  const end = existing.indexOf(MANAGED_BLOCK_END);
  if (begin === -1 && end === -1) {
    const gap = existing === "" || existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
    return { text: `${existing}${gap}${block}\n` };
  }
  if (begin === -1) return { problem: "an end marker without a begin marker", offset: end };
  if (end === -1) return { problem: "a begin marker without an end marker", offset: begin };
  if (end < begin) return { problem: "the end marker comes before the begin marker", offset: end };
  const again = existing.indexOf(MANAGED_BLOCK_BEGIN, begin + MANAGED_BLOCK_BEGIN.length);
  if (again !== -1) return { problem: "a second begin marker", offset: again };
  const afterEnd = end + MANAGED_BLOCK_END.length;
  const endAgain = existing.indexOf(MANAGED_BLOCK_END, afterEnd);
  if (endAgain !== -1) return { problem: "a second end marker", offset: endAgain };
  return { text: existing.slice(0, begin) + block + existing.slice(afterEnd) };
}

/** 1-based line and column of an offset, for diagnostics on the existing file. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}
