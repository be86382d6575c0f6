import { createHash, type Hash } from "node:crypto";
import {
  type ContentHashCheck,
  findHashedMarker,
  HASH_LENGTH,
  hashText,
  hasManagedBlock,
  isGeneratedFile,
  MANAGED_BLOCK_BEGIN,
  MANAGED_BLOCK_END,
  verifyContentHash,
} from "./finalize.js";

/** What an existing file says about itself: may persona replace it, and was it edited by hand? */
export interface GeneratedCheck {
  /** `isGeneratedFile`: it carries the generated marker or a managed block. */
  generated: boolean;
  /** `hasManagedBlock`: a user's file holding persona's managed block. */
  managed: boolean;
  /** `verifyContentHash`: what the marker's content hash says about the text. */
  hash: ContentHashCheck;
}

/** Characters `isGeneratedFile` looks at: the first 4 KiB, or 1 KiB from the frontmatter's end. */
const MARKER_WINDOW = 4096;
const AFTER_FRONTMATTER = 1024;

/**
 * The same answers as `isGeneratedFile`, `hasManagedBlock` and `verifyContentHash` on the joined
 * text, for a text read in chunks (a file decoded a megabyte at a time), holding only its head:
 * the build checks a changed MCP prompts file of tens of megabytes without reading it whole.
 * The head is kept until every line the marker may sit on is complete; after that the text is
 * only hashed (CRLF read as LF, as `verifyContentHash` does) and searched for the block's lines.
 */
export function checkGeneratedChunks(chunks: Iterable<string>): GeneratedCheck {
  let head = "";
  let settled: { generated: boolean; marker?: string; hash?: Hash } | undefined;
  // A CR at a chunk's end may pair with an LF at the next one's start.
  let carry = "";
  const block = new BlockSearch();
  for (const chunk of chunks) {
    block.feed(chunk);
    if (settled === undefined) {
      head += chunk;
      settled = settle(head);
      continue;
    }
    if (settled.hash === undefined) continue;
    let text = carry + chunk;
    carry = text.endsWith("\r") ? "\r" : "";
    if (carry) text = text.slice(0, -1);
    text = text.replace(/\r\n/g, "\n");
    hashText(settled.hash, text, 0, text.length);
  }
  // Never settled: the head is the whole text.
  if (settled === undefined) {
    return { generated: isGeneratedFile(head), managed: hasManagedBlock(head), hash: verifyContentHash(head) };
  }
  const managed = block.found();
  let hash: ContentHashCheck = "none";
  if (settled.hash !== undefined) {
    if (carry) settled.hash.update(carry, "utf8");
    hash = settled.hash.digest("hex").slice(0, HASH_LENGTH) === settled.marker ? "match" : "mismatch";
  }
  return { generated: settled.generated || managed, managed, hash };
}

/**
 * Once the head holds everything the marker checks look at, what it says: whether it carries the
 * marker, and a hash already fed with the head minus the marker's line. Undefined until then.
 */
function settle(raw: string): { generated: boolean; marker?: string; hash?: Hash } | undefined {
  if (raw.length < MARKER_WINDOW || raw.endsWith("\r")) return undefined;
  if (raw.startsWith("---\n")) {
    const close = raw.indexOf("\n---\n", 3);
    if (close === -1 || raw.length < close + AFTER_FRONTMATTER) return undefined;
  }
  const text = raw.replace(/\r\n/g, "\n");
  if (!markerLinesComplete(text)) return undefined;
  // The head has both windows `isGeneratedFile` reads; a managed block is added by the caller.
  const generated = isGeneratedFile(raw);
  const marker = findHashedMarker(text);
  if (!marker) return { generated };
  const hash = createHash("sha256");
  hashText(hash, text, 0, marker.start);
  hashText(hash, text, marker.end, text.length);
  return { generated, marker: marker.hash, hash };
}

/** True when the lines `findHashedMarker` reads (first, second, first after frontmatter) all ended. */
function markerLinesComplete(text: string): boolean {
  const first = text.indexOf("\n");
  if (first === -1 || text.indexOf("\n", first + 1) === -1) return false;
  if (!text.startsWith("---\n")) return true;
  const close = text.indexOf("\n---\n", 3);
  if (close === -1) return false;
  let at = close + 5;
  while (text[at] === "\n") at++;
  return at < text.length && text.indexOf("\n", at) !== -1;
}

/** Looks for the managed block's begin and end lines in a text fed in chunks. */
class BlockSearch {
  #tail = "";
  #begin = false;
  #end = false;
  static readonly #overlap = Math.max(MANAGED_BLOCK_BEGIN.length, MANAGED_BLOCK_END.length) - 1;

  feed(chunk: string): void {
    if (this.#begin && this.#end) return;
    const text = this.#tail + chunk;
    this.#begin ||= text.includes(MANAGED_BLOCK_BEGIN);
    this.#end ||= text.includes(MANAGED_BLOCK_END);
    this.#tail = text.slice(-BlockSearch.#overlap);
  }

  found(): boolean {
    return this.#begin && this.#end;
  }
}
