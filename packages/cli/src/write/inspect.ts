import { lstatSync, readFileSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** `lstat` of folders already inspected during one plan, by absolute path. */
export type FolderCache = Map<string, Stats>;

/** What is at an output path today, found without following any symlink. */
export type Destination =
  | { kind: "missing" }
  | { kind: "file"; contents: string; mode: number }
  /** A symlink at the path or at one of its folders under the root: never written through. */
  | { kind: "symlink"; at: string }
  /** A folder, socket or other non-file at the path, or a file where a folder should be. */
  | { kind: "not-file"; at: string }
  | { kind: "outside" };

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
 */
export function inspectDestination(root: string, absolute: string, folders?: FolderCache): Destination {
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
    if (last) {
      if (!info.isFile()) return { kind: "not-file", at: current };
      return { kind: "file", contents: readFileSync(current, "utf8"), mode: info.mode & 0o777 };
    }
  }
  return { kind: "missing" };
}
