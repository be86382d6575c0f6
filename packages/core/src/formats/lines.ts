import { bufferOf, type FileText } from "./file-text.js";

/**
 * The lines of a text one at a time, a CRLF line end read as LF (as `replace(/\r\n/g, "\n")`
 * then `split("\n")` would give them, without a copy of the text or an array of its lines:
 * reading a shared file of tens of megabytes back, its million lines cost more than the text).
 * Bytes are decoded a line at a time.
 */
export function* linesOf(contents: FileText): Generator<string> {
  if (typeof contents !== "string") {
    yield* linesOfBytes(bufferOf(contents));
    return;
  }
  const text = contents;
  for (let start = 0; ; ) {
    const stop = text.indexOf("\n", start);
    if (stop === -1) {
      yield text.slice(start);
      return;
    }
    yield text.slice(start, stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop);
    start = stop + 1;
  }
}

function* linesOfBytes(bytes: Buffer): Generator<string> {
  for (let start = 0; ; ) {
    const stop = bytes.indexOf(0x0a, start);
    if (stop === -1) {
      yield bytes.toString("utf8", start);
      return;
    }
    yield bytes.toString("utf8", start, stop > start && bytes[stop - 1] === 0x0d ? stop - 1 : stop);
    start = stop + 1;
  }
}
