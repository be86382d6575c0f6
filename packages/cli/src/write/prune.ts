import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { lstat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { decideRemove, declaredOutputs, ownershipOf, segmentMatcher, type TargetId } from "@personas/core/outputs";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import type { Settings } from "../project/settings.js";
import type { WritePlan } from "./plan.js";

// Generated files are small; a bigger file at a generated path is someone else's and not read.
const MAX_READ = 4 * 1024 * 1024;

function readdirOrEmpty(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** What is at a path, without following a link: the folder entry's own type. */
type EntryKind = Pick<Dirent, "isFile" | "isDirectory" | "isSymbolicLink">;

/**
 * Files under `root` that match a registry output pattern (`.claude/agents/<id>.md`), walking the
 * pattern segment by segment by the folder entries' own types (a link is a link, not what it
 * points at): symlinked folders and files are never entered or returned, so pruning cannot reach
 * outside the output root. Listing a folder gives every entry's type at once: a folder of 10,000
 * outputs costs no `lstat` per file. Read what it returns with `readOutputText`.
 */
export async function matchPattern(root: string, pattern: string): Promise<string[]> {
  const segments = pattern.split("/");
  let current = [root];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      // Synchronous: a folder of thousands of outputs is listed and checked without a promise per
      // entry, which left a no-op build waiting on round trips.
      const entries: { name: string; kind: EntryKind | undefined }[] = segment.includes("<id>")
        ? readdirOrEmpty(dir).map((d) => ({ name: d.name, kind: d }))
        : [{ name: segment, kind: lstatSync(join(dir, segment), { throwIfNoEntry: false }) }];
      const matcher = segmentMatcher(segment);
      for (const { name, kind } of entries) {
        if (!kind || kind.isSymbolicLink() || !matcher.test(name)) continue;
        if (last ? kind.isFile() : kind.isDirectory()) next.push(join(dir, name));
      }
    }
    current = next;
  }
  return current;
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The text of a file `matchPattern` found, or undefined when it is over `max` bytes (a bigger file
 * at a generated path is someone else's), has become a link since, or cannot be read. One open,
 * one `fstat`, one read: what reading it costs anyway.
 */
export function readOutputText(absolute: string, max = MAX_READ): string | undefined {
  return readOutput(absolute, max, (bytes, size) => bytes.toString("utf8", 0, size));
}

/** A file listing every persona can be tens of megabytes (prompts.json at 10,000 personas: 34 MB). */
export const SHARED_MAX_READ = 64 * 1024 * 1024;

/**
 * `readOutputText`'s bytes, in a buffer of their own: a shared file read back (`.roomodes`,
 * `AGENTS.md`) is searched and decoded a line or a piece at a time (see core's `FileText`).
 */
export function readOutputBytes(absolute: string, max = SHARED_MAX_READ): Uint8Array | undefined {
  // A copy only of the shared scratch buffer; a large file's buffer is its own already.
  return readOutput(absolute, max, (bytes, size) =>
    bytes === scratch ? Uint8Array.prototype.slice.call(bytes, 0, size) : bytes.subarray(0, size),
  );
}

function readOutput<T>(absolute: string, max: number, take: (bytes: Buffer, size: number) => T): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const { size } = fstatSync(fd);
    if (size > max) return undefined;
    // One buffer for every small file: a build that reads 120,000 outputs would otherwise leave
    // 120,000 buffers outside the JS heap for the collector to find.
    if (size > scratch.length && size <= MAX_READ) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    const bytes = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, bytes, filled, size - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return take(bytes, filled);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True when a folder between the output root and a target's root is a symlink (or not a folder). */
export async function leavesRoot(outDir: string, root: string): Promise<boolean> {
  let current = outDir;
  for (const segment of relative(outDir, root)
    .split(sep)
    .filter((s) => s !== "")) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => undefined);
    if (info && !info.isDirectory()) return true;
  }
  return false;
}

/**
 * Generated files that this build no longer produces: files at the selected targets' declared
 * output paths that are not in `keep` and that the ownership rule lets pruning remove. A file
 * persona merges a block into also holds the user's text and is never removed; one edited by
 * hand since persona wrote it is kept with a warning unless `force`.
 */
export async function findStaleFiles(
  settings: Settings,
  selected: readonly TargetId[],
  keep: { has(absolute: string): boolean },
  options: { force: boolean },
): Promise<WritePlan> {
  const stale: WritePlan["files"] = [];
  const diagnostics: WritePlan["diagnostics"] = [];
  const seen = new Set<string>();
  for (const { target, output } of declaredOutputs(selected, settings.scope)) {
    // A merged file is the user's as much as persona's: never a candidate for removal.
    if (output.format.owns === "block") continue;
    const root = settings.targetRoots.get(target) ?? settings.outDir;
    if (await leavesRoot(settings.outDir, root)) continue;
    for (const absolute of await matchPattern(root, output.path)) {
      if (keep.has(absolute) || seen.has(absolute)) continue;
      seen.add(absolute);
      const contents = readOutputText(absolute);
      if (contents === undefined) continue;
      const decision = decideRemove(ownershipOf(output.format, contents), options.force);
      if (decision === "leave") continue;
      const path = settings.display(absolute);
      const edited = decision === "keep-edited";
      if (edited) diagnostics.push(cliDiagnostic("warning", CLI_RULES.outputEdited, CLI_MESSAGES.edited(true), path));
      stale.push({ absolute, path, target, action: edited ? "edited" : "remove", before: contents });
    }
  }
  return { files: stale, diagnostics };
}
