import type { Hash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { BlockSearch, holdsBlock } from "./block.js";
import { detached } from "./detached.js";
import { type FileText, textOf } from "./file-text.js";
import type { Format, FormatName, OwnedFormat } from "./format.js";
import { formats } from "./index.js";
import { contentHash, digestOf, hashText, newContentHash } from "./marker.js";

/**
 * The one rule that decides whether an existing file at an output path is persona's: the build,
 * pruning, the last check before a file is removed and `--check` all ask here, and nowhere else.
 */

/** A format by name (as `GeneratedFile.format` names it), or the format itself. */
function formatOf(format: Format<unknown> | FormatName): Format<unknown> {
  if (typeof format !== "string") return format;
  const found = (formats as Record<string, Format<unknown>>)[format];
  if (!found) throw new Error(`Unknown format ${format}`);
  return found;
}

/** What an existing file at an output path is. */
export type Ownership =
  /** Persona wrote it and nobody changed it since (or it predates content hashes). */
  | "generated"
  /** Persona wrote it, and someone edited it since: the hash in its marker no longer matches. */
  | "edited"
  /** A user's file that holds persona's block (the rest of it is the user's). */
  | "managed"
  /** A file persona did not write: no marker where the format puts it, or no block. */
  | "foreign";

/**
 * What a file's text says about its owner, for the format of the output it sits at. CRLF is read
 * as LF: a checkout that converted line ends (git's `core.autocrlf`) is not an edit.
 *
 * @example
 * ownershipOf(formats.markdown, readFileSync(".claude/agents/backend.md", "utf8")); // "generated"
 */
export function ownershipOf(formatOrName: Format<unknown> | FormatName, contents: string): Ownership {
  const format = formatOf(formatOrName);
  if (format.owns === "block") return holdsBlock(contents, format) ? "managed" : "foreign";
  const text = contents.includes("\r") ? contents.replace(/\r\n/g, "\n") : contents;
  const marker = format.findMarker(text, true);
  if (marker === undefined || marker === "more") return "foreign";
  if (marker.hash === undefined) return "generated";
  return contentHash(text, marker) === marker.hash ? "generated" : "edited";
}

/**
 * `ownershipOf` for a text read in chunks (a file decoded a megabyte at a time), holding only its
 * head: the build checks a changed MCP prompts file of tens of megabytes without reading it whole.
 * The head is kept until the format can place its marker; after that the text is only hashed.
 * Reading stops early once the answer is known (no marker, or a marker without a hash).
 */
export function ownershipOfChunks(
  formatOrName: Format<unknown> | FormatName,
  chunks: Iterable<string> | Iterable<Uint8Array>,
): Ownership {
  const format = formatOf(formatOrName);
  if (format.owns === "block") {
    // Bytes are searched as bytes: a merged file of tens of megabytes is never decoded to say whose it is.
    const search = new BlockSearch(format);
    for (const chunk of chunks) search.feed(chunk);
    return search.found() ? "managed" : "foreign";
  }
  return ownershipOfTextChunks(format, decoded(chunks));
}

/** Chunks of text, or chunks of UTF-8 bytes decoded (a character split between two chunks kept whole). */
function* decoded(chunks: Iterable<string> | Iterable<Uint8Array>): Generator<string> {
  const decoder = new StringDecoder("utf8");
  for (const chunk of chunks) yield typeof chunk === "string" ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest !== "") yield rest;
}

function ownershipOfTextChunks(format: OwnedFormat<unknown>, chunks: Iterable<string>): Ownership {
  let head = "";
  let settled: { expected: string; hash: Hash } | undefined;
  // A CR at a chunk's end may pair with an LF at the next one's start.
  let carry = "";
  for (const chunk of chunks) {
    if (settled === undefined) {
      head += chunk;
      if (head.endsWith("\r")) continue;
      const text = head.replace(/\r\n/g, "\n");
      const marker = format.findMarker(text, false);
      if (marker === "more") continue;
      if (marker === undefined) return "foreign";
      if (marker.hash === undefined) return "generated";
      const hash = newContentHash();
      hashText(hash, text, 0, marker.start);
      hashText(hash, text, marker.end, text.length);
      settled = { expected: marker.hash, hash };
      head = "";
      continue;
    }
    let text = carry + chunk;
    carry = text.endsWith("\r") ? "\r" : "";
    if (carry) text = text.slice(0, -1);
    text = text.replace(/\r\n/g, "\n");
    hashText(settled.hash, text, 0, text.length);
  }
  // Never settled: the head is the whole text.
  if (settled === undefined) return ownershipOf(format, head);
  if (carry) settled.hash.update(carry, "utf8");
  return digestOf(settled.hash) === settled.expected ? "generated" : "edited";
}

/** What a build does with an existing file at a path it writes. */
export type WriteDecision =
  /** Replace it (or merge persona's block into it). */
  | "write"
  /** Leave it: it was edited by hand since persona wrote it (a warning; `--force` overrides). */
  | "keep-edited"
  /** Refuse: persona did not write it (an error; `--force` takes ownership). */
  | "refuse";

/**
 * May a build write over a file it owns this much of? A file persona did not write is never
 * overwritten without `force`; one edited by hand is kept (with a warning) without it.
 */
export function decideWrite(ownership: Ownership, force: boolean): WriteDecision {
  if (force) return "write";
  if (ownership === "foreign") return "refuse";
  if (ownership === "edited") return "keep-edited";
  return "write";
}

/** What pruning does with a file at an output path that the build no longer produces. */
export type RemoveDecision = "remove" | "keep-edited" | "leave";

/**
 * May pruning delete this file? Only a whole file persona wrote: a user's file with persona's
 * block is never deleted, a foreign file never touched, and a hand-edited one kept (with a
 * warning) unless `force`.
 */
export function decideRemove(ownership: Ownership, force: boolean): RemoveDecision {
  if (ownership === "generated") return "remove";
  if (ownership === "edited") return force ? "remove" : "keep-edited";
  return "leave";
}

/**
 * The build key a file carries when it is exactly as persona wrote it: an owned file whose content
 * hash matches, or a block whose block hash matches (`MergedFormat.intact`). Undefined for a file
 * edited by hand, not persona's, or from before build keys. CRLF is read as LF.
 *
 * @example
 * intactBuildKey(formats.json, readFileSync(".mcp/prompts.json", "utf8")); // "3f2a…" or undefined
 */
export function intactBuildKey(formatOrName: Format<unknown> | FormatName, contents: FileText): string | undefined {
  const format = formatOf(formatOrName);
  // Copied out of the file: a caller keeps the key, not a file of tens of megabytes behind it.
  const copy = (key: string | undefined) => (key === undefined ? undefined : detached(key));
  if (format.owns === "block") return copy(format.intact(contents)?.build);
  const whole = textOf(contents);
  const text = whole.includes("\r") ? whole.replace(/\r\n/g, "\n") : whole;
  const marker = format.findMarker(text, true);
  if (marker === undefined || marker === "more" || marker.hash === undefined) return undefined;
  return contentHash(text, marker) === marker.hash ? copy(marker.build) : undefined;
}
