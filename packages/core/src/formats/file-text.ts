import type { Hash } from "node:crypto";
import { hashText } from "./marker.js";

/**
 * A file's contents as read: its text, or its bytes (UTF-8). A shared file persona reads back is
 * given as bytes: at 10,000 personas `.roomodes` is 38 MB, and decoded whole it is a 77 MB string
 * (one character outside Latin-1, the begin line's dash, makes every character two bytes). Read
 * as bytes, only the lines and pieces wanted are decoded, each on its own.
 */
export type FileText = string | Uint8Array;

/**
 * One way to search, cut and hash `FileText`, in its own units (characters of a text, bytes of
 * bytes): an offset from one call is good for the others on the same contents.
 */
export interface TextView {
  readonly length: number;
  indexOf(needle: string, from?: number): number;
  lastIndexOf(needle: string, from?: number): number;
  /** The decoded text from `start` to `end`. */
  slice(start: number, end?: number): string;
  /** Feeds the UTF-8 bytes from `start` to `end` to a hash. */
  hash(hash: Hash, start: number, end: number): void;
  /** The length of a string in this view's units. */
  lengthOf(text: string): number;
}

/**
 * A view of contents with CRLF read as LF (contents with a CR are decoded to do so), or, `raw`,
 * exactly as they are.
 */
export function viewOf(contents: FileText, raw = false): TextView {
  const lf = (text: string) => (raw || !text.includes("\r") ? text : text.replace(/\r\n/g, "\n"));
  if (typeof contents === "string") return textView(lf(contents));
  const bytes = bufferOf(contents);
  if (!raw && bytes.includes(0x0d)) return textView(lf(bytes.toString("utf8")));
  return {
    length: bytes.length,
    indexOf: (needle, from) => bytes.indexOf(needle, from, "utf8"),
    lastIndexOf: (needle, from) => bytes.lastIndexOf(needle, from, "utf8"),
    slice: (start, end) => bytes.toString("utf8", start, end),
    hash: (hash, start, end) => void hash.update(bytes.subarray(start, end)),
    lengthOf: (text) => Buffer.byteLength(text, "utf8"),
  };
}

function textView(text: string): TextView {
  return {
    length: text.length,
    indexOf: (needle, from) => text.indexOf(needle, from),
    lastIndexOf: (needle, from) => text.lastIndexOf(needle, from),
    slice: (start, end) => text.slice(start, end),
    hash: (hash, start, end) => hashText(hash, text, start, end),
    lengthOf: (s) => s.length,
  };
}

/** The whole text of contents (bytes decoded). */
export function textOf(contents: FileText): string {
  return typeof contents === "string" ? contents : bufferOf(contents).toString("utf8");
}

/** A `Buffer` over the same memory as `bytes` (no copy), for its UTF-8 search and decoding. */
export function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
