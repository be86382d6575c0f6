import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { compareStrings, type Diagnostic, diagnostic } from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";

// Finding and reading persona files, apart from parsing them: a build whose outputs are current
// reads every persona file and parses none, so this module loads no parser.

export const DEFAULT_MAX_BYTES = 1024 * 1024;
const PERSONA_FILE = /\.(?:md|mdc|markdown)$/i;
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** Persona files under a folder, recursively: `*.md`/`*.mdc`, except README files, dot-folders and `_` folders. */
export async function findPersonaFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        // A folder starting with `_` holds fragments (`_fragments/`), never personas (DESIGN.md §8).
        if (!e.name.startsWith(".") && !e.name.startsWith("_") && !SKIPPED_DIRS.has(e.name)) await walk(full);
      } else if ((e.isFile() || e.isSymbolicLink()) && PERSONA_FILE.test(e.name) && !/^readme\./i.test(e.name)) {
        out.push(full);
      }
    }
  };
  await walk(dir);
  return out.map(toPosix).sort(compareStrings);
}

/**
 * Reads one persona file safely: a symlink must resolve inside `root`; the size is checked with
 * `stat` before reading; the bytes must be valid UTF-8 (no silent U+FFFD). Returns the text or a
 * diagnostic.
 */
export async function readPersonaFile(
  path: string,
  root: string,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  // Persona files are small and capped by `maxBytes`: synchronous reads are faster than the
  // promise round trips and keep one implementation of the checks.
  return readPersonaFileSync(path, root, maxBytes);
}

/**
 * `readPersonaFile` with synchronous calls, for command-line tools reading thousands of small
 * files, where the promise round trips cost more than the reads. Same checks, same results.
 */
export function readPersonaFileSync(
  path: string,
  root: string,
  maxBytes = DEFAULT_MAX_BYTES,
): { text: string } | { diagnostic: Diagnostic } {
  const at = { line: 1, column: 1 };
  try {
    if (lstatSync(path).isSymbolicLink()) {
      const real = realpathSync(path);
      const rel = relative(realpathSync(root), real);
      if (rel.startsWith("..") || isAbsolute(rel)) {
        return { diagnostic: diagnostic("error", RULES.fileUnreadable, MESSAGES.symlinkOutside(), path, at) };
      }
    }
    const size = statSync(path).size;
    if (size > maxBytes)
      return { diagnostic: diagnostic("error", RULES.fileTooLarge, MESSAGES.tooLarge(size, maxBytes), path, at) };
    return decodeUtf8(readFileSync(path), path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    return { diagnostic: diagnostic("error", RULES.fileUnreadable, MESSAGES.unreadable(code), path, at) };
  }
}

/**
 * A fragment's text for composition, or why it cannot be read, said as the end of "Cannot include
 * <path>: …". The file must be inside `root` (a symlink too, once resolved), at most `maxBytes`,
 * and valid UTF-8 — the same rules as a persona file.
 */
export function readFragmentSync(
  absolute: string,
  root: string,
  maxBytes = DEFAULT_MAX_BYTES,
): { text: string } | { problem: string } {
  const outside = (path: string, base: string) => {
    const rel = relative(base, path);
    return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  };
  if (outside(absolute, root)) return { problem: "it is outside the project" };
  try {
    if (lstatSync(absolute).isSymbolicLink() && outside(realpathSync(absolute), realpathSync(root))) {
      return { problem: "it is a symlink to a file outside the project; not read" };
    }
    const size = statSync(absolute).size;
    if (size > maxBytes) return { problem: `it is ${size} bytes (limit ${maxBytes})` };
    const decoded = decodeUtf8(readFileSync(absolute), absolute);
    return "text" in decoded ? decoded : { problem: `it is not valid UTF-8` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    return { problem: code === "ENOENT" ? "no such file" : `it cannot be read (${code})` };
  }
}

/** Decodes UTF-8 strictly: an invalid byte is a diagnostic with its offset, never a silent U+FFFD. */
function decodeUtf8(bytes: Uint8Array, path: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = { line: 1, column: 1 };
    return { diagnostic: diagnostic("error", RULES.fileNotUtf8, MESSAGES.notUtf8(firstInvalidUtf8(bytes)), path, at) };
  }
}

/** Byte offset of the first byte that does not continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix; a cut inside a sequence is tolerated with stream.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping results in input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
