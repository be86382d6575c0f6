import { resolve } from "node:path";
import {
  type Diagnostic,
  type GeneratedFile,
  hasManagedBlock,
  isGeneratedFile,
  mapPool,
  type TargetId,
  verifyContentHash,
} from "@personas/core";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import type { Settings } from "../project/settings.js";
import { type Destination, type FolderCache, inspectDestination } from "./inspect.js";

/**
 * What a build does to one file. `edited`: a generated file someone changed by hand since persona
 * wrote it (its marker's hash no longer matches); it is left alone, and `--check` counts it as drift.
 */
export type FileAction = "add" | "update" | "unchanged" | "remove" | "edited";

/** One file of a build plan: where it goes, what it holds now and what it will hold. */
export interface PlannedFile {
  absolute: string;
  /** The path as shown to the user (relative to the working folder). */
  path: string;
  target: string;
  personaId?: string;
  action: FileAction;
  /** Current contents (update, unchanged, remove, edited). */
  before?: string;
  /** New contents (add, update, unchanged; edited unless the file is also stale). */
  after?: string;
  /** Permissions of the existing file, kept on update. */
  mode?: number;
}

/** A plan's files and the problems that block it. */
export interface WritePlan {
  files: PlannedFile[];
  diagnostics: Diagnostic[];
}

/**
 * True for a generated file whose content no longer matches the hash in its marker: someone edited
 * it, and their edit is not persona's to throw away without `--force`. A managed block lives in a
 * user's file and has no hash; a marker without a hash (an older persona) cannot tell, so it is not.
 */
export function isEdited(contents: string): boolean {
  return !hasManagedBlock(contents) && verifyContentHash(contents) === "mismatch";
}

/** The absolute destination of a compiled file: its target's root plus its relative path. */
export function destinationOf(settings: Settings, file: GeneratedFile): string {
  const root = settings.targetRoots.get(file.target as TargetId) ?? settings.outDir;
  return resolve(root, file.path);
}

// Paths from compile are POSIX and relative; anything else is refused before a path is built.
const UNSAFE_PATH = /(^|\/)\.\.?(\/|$)|^\/|\\|:|[\u0000-\u001f]|^$/;

/**
 * Two compiled files that land on the same path on a case-insensitive file system (macOS,
 * Windows) would overwrite each other there, so it is an error on every OS, naming the sources.
 */
function findCollisions(
  settings: Settings,
  files: readonly GeneratedFile[],
  sourceOf: (personaId: string | undefined) => string,
): Diagnostic[] {
  const byKey = new Map<string, GeneratedFile[]>();
  for (const file of files) {
    const key = destinationOf(settings, file).normalize("NFC").toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), file]);
  }
  const out: Diagnostic[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const first = group[0] as GeneratedFile;
    const sources = [...new Set(group.map((f) => sourceOf(f.personaId)))].sort();
    const others = group.slice(1).map((f) => settings.display(destinationOf(settings, f)));
    const path = settings.display(destinationOf(settings, first));
    out.push(
      cliDiagnostic(
        "error",
        CLI_RULES.outputCollision,
        `${CLI_MESSAGES.collision(path, others)} (from ${sources.join(", ")})`,
        path,
      ),
    );
  }
  return out;
}

/**
 * Compares every compiled file with what is on disk and decides add, update or unchanged. Nothing
 * is written here. A path outside the output root, a symlink on the way, a folder in the way, or
 * an existing file without the generated marker (unless `force`) is an error diagnostic.
 */
export async function planWrites(
  settings: Settings,
  files: readonly GeneratedFile[],
  options: { force: boolean; sourceOf: (personaId: string | undefined) => string },
): Promise<WritePlan> {
  const diagnostics = findCollisions(settings, files, options.sourceOf);
  const planned: PlannedFile[] = [];
  // Inspected concurrently, sharing one look at each folder: done one by one, the lstat round
  // trips of thousands of paths left the process idle most of a no-op build.
  const folders: FolderCache = new Map();
  const destinations = await mapPool(files, 32, (file) =>
    UNSAFE_PATH.test(file.path)
      ? Promise.resolve<Destination>({ kind: "outside" })
      : inspectDestination(settings.outDir, destinationOf(settings, file), folders),
  );
  for (const [index, file] of files.entries()) {
    const absolute = destinationOf(settings, file);
    const path = settings.display(absolute);
    const entry = { absolute, path, target: file.target, after: file.contents };
    const base: Omit<PlannedFile, "action"> =
      file.personaId === undefined ? entry : { ...entry, personaId: file.personaId };
    const dest = destinations[index] as Destination;
    const error = (rule: string, message: string) => diagnostics.push(cliDiagnostic("error", rule, message, path));
    switch (dest.kind) {
      case "outside":
        error(CLI_RULES.outputOutsideRoot, CLI_MESSAGES.outsideRoot(path));
        break;
      case "symlink":
        error(CLI_RULES.outputSymlink, CLI_MESSAGES.symlink(settings.display(dest.at)));
        break;
      case "not-file":
        error(CLI_RULES.outputNotFile, CLI_MESSAGES.notFile(settings.display(dest.at)));
        break;
      case "missing":
        planned.push({ ...base, action: "add" });
        break;
      case "file": {
        const same = dest.contents === file.contents;
        if (!same && !options.force && !isGeneratedFile(dest.contents)) {
          const managed = hasManagedBlock(file.contents);
          error(
            CLI_RULES.outputNotGenerated,
            managed ? CLI_MESSAGES.notGeneratedManaged(path) : CLI_MESSAGES.notGenerated(path),
          );
          break;
        }
        const existing = { before: dest.contents, mode: dest.mode };
        if (!same && !options.force && isEdited(dest.contents)) {
          diagnostics.push(cliDiagnostic("warning", CLI_RULES.outputEdited, CLI_MESSAGES.edited(false), path));
          planned.push({ ...base, ...existing, action: "edited" });
          break;
        }
        planned.push({ ...base, ...existing, action: same ? "unchanged" : "update" });
        break;
      }
    }
  }
  return { files: planned, diagnostics };
}
