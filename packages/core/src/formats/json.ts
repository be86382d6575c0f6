import type { OwnedFormat } from "./format.js";
import {
  digestOf,
  HASH_PLACEHOLDER,
  hashText,
  isWhitespace,
  type MarkerLine,
  markerLineAt,
  markerText,
  newContentHash,
  sealHash,
} from "./marker.js";
import { stableJsonPieces } from "./stable-json.js";

/** A JSON file: its top-level object, to which the format adds the marker field. */
export interface JsonDoc {
  value: Readonly<Record<string, unknown>>;
  /** For a file listing one entry per source: each entry's build key, in the order of the sources. */
  parts?: readonly string[];
}

/**
 * JSON has no comments: the marker is the `$comment` field (the JSON Schema convention for notes),
 * which sorts first among the keys and so always sits on the second line.
 */
function findMarker(text: string, complete: boolean): MarkerLine | "more" | undefined {
  const first = text.indexOf("\n");
  if (!complete && (first === -1 || text.indexOf("\n", first + 1) === -1)) return "more";
  return first === -1 ? undefined : markerLineAt(text, first + 1);
}

/**
 * Seals a JSON text given in pieces without joining it. The pieces are already what finishing
 * makes of a text (LF only, one trailing newline: `stableJsonPieces` writes no CR and JSON escapes
 * any in strings) and carry the notice with its hash slot on their second line. The hash is that
 * of the text without the marker's line, exactly as `sealHash` takes it on the joined text.
 * Undefined when the pieces are not in that shape; the caller then joins them.
 */
function sealPieces(pieces: readonly string[], notice: string): string[] | undefined {
  const last = pieces.at(-1) ?? "";
  const beforeLast = last.length > 1 ? last[last.length - 2] : pieces.at(-2)?.at(-1);
  if (!last.endsWith("\n") || isWhitespace(beforeLast)) return undefined;
  // The piece holding the notice, and the notice's offset in the joined text.
  let offset = 0;
  let index = -1;
  let at = -1;
  for (const [i, piece] of pieces.entries()) {
    const found = piece.indexOf(notice);
    if (found !== -1) {
      index = i;
      at = offset + found;
      break;
    }
    offset += piece.length;
  }
  if (index === -1) return undefined;
  const line = lineAroundPieces(pieces, at);
  if (line.number !== 2) return undefined;
  const hash = newContentHash();
  let start = 0;
  for (const piece of pieces) {
    const end = start + piece.length;
    if (start < line.start) hashText(hash, piece, 0, Math.min(piece.length, line.start - start));
    if (end > line.end) hashText(hash, piece, Math.max(0, line.end - start), piece.length);
    start = end;
  }
  const sealed = [...pieces];
  const sum = digestOf(hash);
  sealed[index] = (pieces[index] as string).replace(`(sha256:${HASH_PLACEHOLDER}`, () => `(sha256:${sum}`);
  return sealed;
}

/** The line holding a joined offset of pieces: start, end (after its newline) and 1-based number. */
function lineAroundPieces(pieces: readonly string[], at: number): { start: number; end: number; number: number } {
  let start = 0;
  let end = -1;
  let number = 1;
  let offset = 0;
  for (const piece of pieces) {
    for (let i = piece.indexOf("\n"); i !== -1; i = piece.indexOf("\n", i + 1)) {
      const newline = offset + i;
      if (newline < at) {
        start = newline + 1;
        number++;
      } else {
        end = newline + 1;
        break;
      }
    }
    if (end !== -1) break;
    offset += piece.length;
  }
  return { start, end: end === -1 ? offset : end, number };
}

/**
 * JSON written from an object with sorted keys and a 2-space indent, never templated
 * (ADVERSARIAL.md row 13). A file of thousands of entries (the MCP prompts file) stays in the
 * pieces it was built from: it is sealed, scanned, compared and written piece by piece.
 */
export const json: OwnedFormat<JsonDoc> = {
  name: "json",
  description: "JSON with sorted keys; the marker is the `$comment` field",
  owns: "file",
  write(doc, stamp) {
    const notice = markerText(doc.parts === undefined ? stamp : { ...stamp, parts: doc.parts }, HASH_PLACEHOLDER);
    const pieces = stableJsonPieces({ ...doc.value, $comment: notice });
    const sealed = sealPieces(pieces, JSON.stringify(notice).slice(1, -1));
    if (sealed) return sealed;
    const text = pieces.join("");
    return [sealHash(text, findMarker(text, true) as MarkerLine | undefined)];
  },
  findMarker,
};
