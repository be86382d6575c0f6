import { randomBytes } from "node:crypto";
import { chmod, type FileHandle, link, mkdir, open, rename, rmdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file written to a temp name next to its destination, waiting to be renamed into place. */
export interface StagedFile {
  temp: string;
  destination: string;
  /** The topmost folder that staging created (the destination's folder or one above it), if any. */
  createdFolder?: string | undefined;
}

/**
 * A temp name in the destination's folder (rename is only atomic within one file system), unique
 * per process and call: fixed `.tmp` names made two concurrent builds fail ~1 in 3 renames.
 * Dot-prefixed and ending in `.tmp`, so no target's output pattern ever matches a leftover; the
 * pid lets a later build tell a killed build's leftovers from a running one's (stale-temps.ts).
 * The same destination and serial give the same name.
 */
export function tempPath(destination: string, serial: number): string {
  return join(
    dirname(destination),
    `.${basename(destination)}.${process.pid}.${PREFIX}${serial.toString(16).padStart(6, "0")}.tmp`,
  );
}

// 12 hex digits unique per call in this process: a random prefix, then a serial number (16
// million names before it wraps), instead of reading random bytes for each of thousands of files.
// A plan keeps the serial, not the name: at 10,000 personas the names were 12 MB.
const PREFIX = randomBytes(3).toString("hex");
let counter = 0;

/** The serial of the next temp name (see `tempPath`). */
export function nextSerial(): number {
  counter = (counter + 1) % 0x1000000;
  return counter;
}

/**
 * Writes `contents` to a fresh temp file beside `destination`. Not fsynced: the rename makes the
 * swap atomic for every process (a killed build leaves the old file or the new one, never half of
 * either), and an fsync per file made writing thousands of files several times slower; like
 * compilers, persona leaves power-loss durability to the file system. The temp file
 * is opened with `wx` (O_CREAT|O_EXCL), which never follows or reuses an existing path. `mode`
 * keeps an existing file's permissions; new files get 0666 minus the umask, never executable.
 */
export async function stageFile(
  destination: string,
  contents: string | readonly string[],
  mode?: number,
  folders?: FolderMaker,
  serial: number = nextSerial(),
): Promise<StagedFile> {
  const createdFolder = await makeFolder(dirname(destination), folders);
  const temp = tempPath(destination, serial);
  const handle = await open(temp, "wx", 0o666);
  try {
    await writePieces(handle, typeof contents === "string" ? [contents] : contents);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  if (mode !== undefined) await chmod(temp, mode & 0o666);
  return { temp, destination, createdFolder };
}

/**
 * Folders made (or found) during one build, by path: each is created once however many files go
 * into it, and files staged at the same time into a new folder wait for the same `mkdir`.
 */
export type FolderMaker = Map<string, Promise<string | undefined>>;

/** Makes a folder and its parents; the topmost folder created, to the first caller only. */
async function makeFolder(dir: string, folders: FolderMaker | undefined): Promise<string | undefined> {
  const pending = folders?.get(dir);
  if (pending) {
    await pending;
    return undefined;
  }
  const made = mkdir(dir, { recursive: true });
  folders?.set(dir, made);
  return made;
}

/** Bytes encoded into one buffer and written at a time, for a text in many pieces. */
const WRITE_BUFFER = 1 << 20;

/**
 * Writes a text given in pieces. A single piece (almost every file) is written as it is; many
 * pieces (the MCP prompts file: tens of megabytes in thousands of pieces) are encoded into one
 * reused 1 MiB buffer and written a buffer at a time, so the text is never joined, nor copied
 * into a fresh string and buffer per batch that would linger until the next collection.
 */
async function writePieces(handle: FileHandle, pieces: readonly string[]): Promise<void> {
  if (pieces.length <= 1) {
    await handle.writeFile(pieces[0] ?? "", "utf8");
    return;
  }
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(WRITE_BUFFER);
  let used = 0;
  const flush = async () => {
    for (let done = 0; done < used; ) done += (await handle.write(buffer, done, used - done)).bytesWritten;
    used = 0;
  };
  for (const piece of pieces) {
    // `encodeInto` stops before a character that does not fit (a surrogate pair stays whole).
    for (let rest = piece; rest.length > 0; ) {
      const { read, written } = encoder.encodeInto(rest, buffer.subarray(used));
      used += written;
      rest = rest.slice(read);
      if (rest.length > 0) await flush();
    }
  }
  await flush();
}

/** Renames a staged file over its destination; `rename` replaces a link itself, never its target. */
export async function commitStaged(staged: StagedFile): Promise<void> {
  await rename(staged.temp, staged.destination);
}

/**
 * Removes temp files after a failure, then the folders staging created if they are empty again,
 * so a build that writes nothing leaves nothing behind. Best effort, since the failure being
 * reported matters more. Folders are removed with `rmdir`, which never removes anything inside.
 */
export async function discardStaged(staged: readonly StagedFile[]): Promise<void> {
  await Promise.all(staged.map((s) => unlink(s.temp).catch(() => undefined)));
  const folders = new Set<string>();
  for (const s of staged) {
    if (s.createdFolder === undefined) continue;
    // Every folder from the destination's up to the topmost one staging created.
    for (let dir = dirname(s.destination); dir.startsWith(s.createdFolder); dir = dirname(dir)) {
      folders.add(dir);
      if (dir === s.createdFolder) break;
    }
  }
  // Deepest first, so a parent is empty by the time its turn comes.
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
}

/**
 * Creates a file only if nothing is at the path, atomically: the complete temp file is hard-linked
 * to the destination (`link` fails with EEXIST rather than replace anything, and never follows a
 * link there), then the temp name is removed. Returns false when the path was taken.
 */
export async function createFileExclusive(destination: string, contents: string): Promise<boolean> {
  const staged = await stageFile(destination, contents);
  try {
    await link(staged.temp, destination);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw e;
    // No hard links on this file system (exFAT, some network mounts): `wx` still never clobbers.
    const handle = await open(destination, "wx", 0o666).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EEXIST") return undefined;
      throw err;
    });
    if (!handle) return false;
    try {
      await handle.writeFile(contents, "utf8");
    } finally {
      await handle.close();
    }
    return true;
  } finally {
    await unlink(staged.temp).catch(() => undefined);
  }
}
