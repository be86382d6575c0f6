import { closeSync, lstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { type FormatName, type Ownership, ownershipOfChunks } from "@personas/core/outputs";

/** `lstat` of folders already inspected during one plan, by absolute path. */
export type FolderCache = Map<string, Stats>;

/** What is at an output path today, found without following any symlink. */
export type Destination =
  | { kind: "missing" }
  /** `differs`: a large file the chunked comparison already found different from the expected text. */
  | { kind: "file"; contents: string; mode: number; differs?: boolean }
  /** A large file that already holds exactly the expected text; compared in chunks, never read whole. */
  | { kind: "same"; mode: number }
  /** A large file that differs, its ownership read in chunks, never read whole. */
  | { kind: "changed"; mode: number; ownership: Ownership }
  /** A symlink at the path or at one of its folders under the root: never written through. */
  | { kind: "symlink"; at: string }
  /** A folder, socket or other non-file at the path, or a file where a folder should be. */
  | { kind: "not-file"; at: string }
  | { kind: "outside" };

/** Files this large are compared with the expected text chunk by chunk before being read whole. */
const STREAM_COMPARE = 256 * 1024;
/** UTF-16 code units encoded per chunk; a code unit takes at most 3 bytes of UTF-8. */
const CHUNK = 64 * 1024;

/**
 * True when the file holds exactly `text` (given as pieces) as UTF-8, compared 64 K characters
 * at a time: a no-op build of a large library never holds a second copy of an output of tens of
 * megabytes (the MCP prompts file at 10,000 personas is 34 MB), nor joins one given in pieces.
 * A text that differs is read whole by the caller.
 */
function holdsText(path: string, size: number, text: readonly string[]): boolean {
  let bytes = 0;
  for (const piece of text) bytes += Buffer.byteLength(piece, "utf8");
  if (bytes !== size) return false;
  const encoder = new TextEncoder();
  const mine = new Uint8Array(CHUNK * 3);
  const theirs = Buffer.allocUnsafe(CHUNK * 3);
  const fd = openSync(path, "r");
  try {
    let position = 0;
    for (const piece of text) {
      for (let start = 0; start < piece.length; ) {
        let end = Math.min(start + CHUNK, piece.length);
        // Never split a surrogate pair between chunks: each half alone would encode as U+FFFD.
        const last = piece.charCodeAt(end - 1);
        if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end--;
        const { written } = encoder.encodeInto(piece.slice(start, end), mine);
        let got = 0;
        while (got < written) {
          const n = readSync(fd, theirs, got, written - got, position + got);
          if (n === 0) return false;
          got += n;
        }
        if (Buffer.compare(theirs.subarray(0, written), mine.subarray(0, written)) !== 0) return false;
        position += written;
        start = end;
      }
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Bytes read at a time from a large file that differs. */
const READ_CHUNK = 1 << 20;

/**
 * A file's bytes a megabyte at a time, through one buffer: each chunk is good until the next is
 * asked for (`ownershipOfChunks` searches or decodes it at once).
 */
function* byteChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) yield buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** True when `absolute` is `root` or below it, compared lexically after resolution. */
export function isInside(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/**
 * Inspects an output path below `root`, one path segment at a time with `lstat`, so a symlink
 * anywhere between the root and the file is found before anything is read or written (a renamed
 * temp file would replace a link at the destination itself, but a linked folder would still lead
 * outside the root). The root itself is the user's choice and may be a link.
 *
 * With an `expected` text, a large file is first compared with it in chunks; one that differs is
 * read whole only when `readChanged` (a diff needs it); otherwise only its ownership is read, in
 * chunks, by the rule of the output's format.
 */
export function inspectDestination(
  root: string,
  absolute: string,
  folders?: FolderCache,
  expected?: { format: FormatName; text: readonly string[]; readChanged: boolean },
): Destination {
  const found = locateDestination(root, absolute, folders);
  if (found.kind !== "found") return found;
  const { at: current, info } = found;
  const mode = info.mode & 0o777;
  if (expected !== undefined && info.size >= STREAM_COMPARE) {
    if (holdsText(current, info.size, expected.text)) return { kind: "same", mode };
    if (!expected.readChanged) {
      return { kind: "changed", mode, ownership: ownershipOfChunks(expected.format, byteChunks(current)) };
    }
    return { kind: "file", contents: readFileSync(current, "utf8"), mode, differs: true };
  }
  return { kind: "file", contents: readFileSync(current, "utf8"), mode };
}

/** Where a destination stands, as `inspectDestination` finds it, without reading the file. */
export type Located =
  | Extract<Destination, { kind: "missing" | "symlink" | "not-file" | "outside" }>
  | {
      kind: "found";
      at: string;
      info: Stats;
    };

/**
 * Walks from `root` to `absolute` without following links: a file there is `found` (unread);
 * otherwise why nothing can be written there, or that nothing is there yet.
 */
export function locateDestination(root: string, absolute: string, folders?: FolderCache): Located {
  if (!isInside(root, absolute) || absolute === root) return { kind: "outside" };
  const segments = relative(root, absolute).split(sep);
  let current = root;
  for (const [i, segment] of segments.entries()) {
    current = join(current, segment);
    const last = i === segments.length - 1;
    let info: Stats;
    try {
      // Folders are shared by many outputs; within one plan each is looked at once. Synchronous
      // calls: for thousands of small files they cost a fraction of the promise round trips.
      const known = last ? undefined : folders?.get(current);
      info = known ?? lstatSync(current);
      if (!last && !known) folders?.set(current, info);
    } catch (e) {
      if (code(e) === "ENOENT") return { kind: "missing" };
      if (code(e) === "ENOTDIR") return { kind: "not-file", at: current };
      throw e;
    }
    if (info.isSymbolicLink()) return { kind: "symlink", at: current };
    if (!last && !info.isDirectory()) return { kind: "not-file", at: current };
    if (last) return info.isFile() ? { kind: "found", at: current, info } : { kind: "not-file", at: current };
  }
  return { kind: "missing" };
}
