import { resolve } from "node:path";
import { type Diagnostic, decideWrite, type GeneratedFile, ownershipOf, type TargetId } from "@personas/core/outputs";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import type { Settings } from "../project/settings.js";
import { discardStaged, type FolderMaker, type StagedFile, stageFile } from "./atomic.js";
import { unifiedDiff } from "./diff.js";
import { type Destination, type FolderCache, inspectDestination } from "./inspect.js";
import { WriteError } from "./write-error.js";

/**
 * What a build does to one file. `edited`: a generated file someone changed by hand since persona
 * wrote it (its marker's hash no longer matches); it is left alone, and `--check` counts it as drift.
 */
export type FileAction = "add" | "update" | "unchanged" | "remove" | "edited";

/**
 * One file of a build plan: where it goes and what happens to it. A plan keeps no file contents it
 * no longer needs, so a build of thousands of personas holds only paths: new contents are staged
 * to disk at once (a build that writes) or reduced to a diff (`--check`).
 */
export interface PlannedFile {
  absolute: string;
  /** The path as shown to the user (relative to the working folder). */
  path: string;
  target: string;
  personaId?: string;
  action: FileAction;
  /** Current contents of a file to remove: re-checked just before it is unlinked. */
  before?: string;
  /** The unified diff of a difference, when the plan keeps diffs (`--check`). */
  diff?: string;
  /** The new contents in a temp file beside the destination, renamed into place on commit. */
  staged?: StagedFile;
  /** Permissions of the existing file, kept on update. */
  mode?: number;
}

/** Files found and the problems that block them (pruning's answer). */
export interface WritePlan {
  files: PlannedFile[];
  diagnostics: Diagnostic[];
}

/** Temp files being written at once: thousands at once would run out of descriptors (EMFILE). */
const STAGE_CONCURRENCY = 16;

/** A compiled file without its contents: what a plan remembers of it. */
type FileName = Pick<GeneratedFile, "path" | "target" | "personaId">;

/** What a plan does with the new contents of files it adds or updates. */
export type PlanMode = "write" | "check" | "dry-run";

/** The absolute destination of a compiled file: its target's root plus its relative path. */
export function destinationOf(settings: Settings, file: Pick<GeneratedFile, "path" | "target">): string {
  const root = settings.targetRoots.get(file.target as TargetId) ?? settings.outDir;
  return resolve(root, file.path);
}

// Paths from compile are POSIX and relative; anything else is refused before a path is built.
const UNSAFE_PATH = /(^|\/)\.\.?(\/|$)|^\/|\\|:|[\u0000-\u001f]|^$/;

/**
 * A build plan made file by file, as personas are compiled: each file is compared with what is on
 * disk (add, update, unchanged, edited) and, when the build writes, staged at once to a temp file
 * beside its destination; nothing existing is changed until `commitPlan`. A path outside the
 * output root, a symlink on the way, a folder in the way, or an existing file without the
 * generated marker (unless `force`) is an error diagnostic.
 */
export class OutputPlanner {
  readonly files: PlannedFile[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly #settings: Settings;
  readonly #force: boolean;
  readonly #mode: PlanMode;
  // Folders are shared by many outputs; each is looked at once per plan.
  readonly #folders: FolderCache = new Map();
  // Destinations by case-folded path: two files that land on one path on macOS or Windows. Only
  // the names are kept: holding the files would hold every output of the build.
  readonly #byKey = new Map<string, FileName>();
  readonly #destinations = new Set<string>();
  readonly #clashes = new Map<string, FileName[]>();
  // Folders made or found while staging, so each is created once.
  readonly #madeFolders: FolderMaker = new Map();
  readonly #writing = new Set<Promise<void>>();
  #writeFailure: WriteError | undefined;
  #stopped = false;

  constructor(settings: Settings, options: { force: boolean; mode: PlanMode }) {
    this.#settings = settings;
    this.#force = options.force;
    this.#mode = options.mode;
  }

  /** Stops staging: the build found an error and will write nothing. */
  stopWriting(): void {
    this.#stopped = true;
  }

  /** True when a file of the plan is going to this absolute path (what pruning keeps). */
  has(absolute: string): boolean {
    return this.#destinations.has(absolute);
  }

  /**
   * Plans compiled files, staging the new contents of each when the build writes. Resolves once
   * staging has room for more (backpressure), so at most STAGE_CONCURRENCY files are held.
   */
  async add(files: readonly GeneratedFile[]): Promise<void> {
    for (const file of files) {
      const planned = this.#plan(file);
      if (planned === undefined) continue;
      this.files.push(planned.entry);
      if (planned.after !== undefined) await this.#keep(planned.entry, planned.after);
    }
  }

  /**
   * Waits for staging to finish. Throws the first write failure (a full disk, a read-only folder)
   * after removing every temp file.
   */
  async settle(): Promise<void> {
    await Promise.all(this.#writing);
    if (this.#writeFailure) {
      await this.discard();
      throw this.#writeFailure;
    }
  }

  /** Removes every staged temp file (and folders staging created that are empty again). */
  async discard(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#writing);
    await discardStaged(this.files.flatMap((f) => (f.staged ? [f.staged] : [])));
    for (const f of this.files) delete f.staged;
  }

  /**
   * Records files that are current (their persona needed no compile): planned as unchanged, so
   * pruning keeps them and the summary counts them, without reading or comparing them again.
   */
  keepCurrent(files: readonly { absolute: string; target: string }[], personaId?: string): void {
    for (const file of files) {
      const key = file.absolute.normalize("NFC").toLowerCase();
      const whose = personaId === undefined ? {} : { personaId };
      this.#byKey.set(key, { path: file.absolute, target: file.target, ...whose });
      this.#destinations.add(file.absolute);
      const path = this.#settings.display(file.absolute);
      this.files.push({ absolute: file.absolute, path, target: file.target, ...whose, action: "unchanged" });
    }
  }

  /** Files that land on one path on a case-insensitive file system, naming their sources. */
  collisions(sourceOf: (personaId: string | undefined) => string): Diagnostic[] {
    const settings = this.#settings;
    return [...this.#clashes.values()].map((group) => {
      const first = group[0] as FileName;
      const sources = [...new Set(group.map((f) => sourceOf(f.personaId)))].sort();
      const others = group.slice(1).map((f) => settings.display(destinationOf(settings, f)));
      const path = settings.display(destinationOf(settings, first));
      return cliDiagnostic(
        "error",
        CLI_RULES.outputCollision,
        `${CLI_MESSAGES.collision(path, others)} (from ${sources.join(", ")})`,
        path,
      );
    });
  }

  #plan(file: GeneratedFile): { entry: PlannedFile; after?: readonly string[] } | undefined {
    const settings = this.#settings;
    const absolute = destinationOf(settings, file);
    const key = absolute.normalize("NFC").toLowerCase();
    const first = this.#byKey.get(key);
    const name: FileName = { path: file.path, target: file.target };
    if (file.personaId !== undefined) name.personaId = file.personaId;
    if (first) {
      this.#clashes.set(key, [...(this.#clashes.get(key) ?? [first]), name]);
      this.#stopped = true;
      return undefined;
    }
    this.#byKey.set(key, name);
    this.#destinations.add(absolute);
    const path = settings.display(absolute);
    const base: PlannedFile = { absolute, path, target: file.target, action: "add" };
    if (file.personaId !== undefined) base.personaId = file.personaId;
    const dest: Destination = UNSAFE_PATH.test(file.path)
      ? { kind: "outside" }
      : inspectDestination(settings.outDir, absolute, this.#folders, {
          format: file.format,
          text: file.chunks(),
          readChanged: this.#mode === "check",
        });
    const error = (rule: string, message: string) => {
      this.diagnostics.push(cliDiagnostic("error", rule, message, path));
      this.#stopped = true;
      return undefined;
    };
    switch (dest.kind) {
      case "outside":
        return error(CLI_RULES.outputOutsideRoot, CLI_MESSAGES.outsideRoot(path));
      case "symlink":
        return error(CLI_RULES.outputSymlink, CLI_MESSAGES.symlink(settings.display(dest.at)));
      case "not-file":
        return error(CLI_RULES.outputNotFile, CLI_MESSAGES.notFile(settings.display(dest.at)));
      case "same":
        return { entry: { ...base, action: "unchanged" } };
      case "missing":
        return { entry: this.#withDiff(base, "", file), after: file.chunks() };
      case "file":
      case "changed": {
        // A large file the chunked comparison already found different is not joined to compare.
        if (dest.kind === "file" && !dest.differs && dest.contents === file.contents) {
          return { entry: { ...base, action: "unchanged" } };
        }
        // Read whole only for a diff (`--check`); a large one otherwise was checked in chunks.
        const before = dest.kind === "file" ? dest.contents : "";
        const ownership = dest.kind === "changed" ? dest.ownership : ownershipOf(file.format, before);
        const entry = { ...base, mode: dest.mode };
        switch (decideWrite(ownership, this.#force)) {
          case "refuse": {
            const merged = file.format === "managed-block";
            const message = merged ? CLI_MESSAGES.notGeneratedManaged(path) : CLI_MESSAGES.notGenerated(path);
            return error(CLI_RULES.outputNotGenerated, message);
          }
          case "keep-edited":
            this.diagnostics.push(cliDiagnostic("warning", CLI_RULES.outputEdited, CLI_MESSAGES.edited(false), path));
            return { entry: this.#withDiff({ ...entry, action: "edited" }, before, file) };
          case "write":
            return { entry: this.#withDiff({ ...entry, action: "update" }, before, file), after: file.chunks() };
        }
      }
    }
  }

  /** Keeps the diff when the plan is for `--check` (the only time a large file is joined). */
  #withDiff(entry: PlannedFile, before: string, file: GeneratedFile): PlannedFile {
    if (this.#mode === "check") entry.diff = unifiedDiff(entry.path, entry.action, before, file.contents);
    return entry;
  }

  /**
   * Stages new contents when the build writes (and nothing has gone wrong yet). Asynchronous: the
   * thread pool creates files side by side, and this thread stays free to hand parse results
   * to the workers and compile (creating a file costs a third of a millisecond on a VM disk).
   */
  async #keep(entry: PlannedFile, contents: readonly string[]): Promise<void> {
    if (this.#mode !== "write" || this.#stopped) return;
    while (this.#writing.size >= STAGE_CONCURRENCY) await Promise.race(this.#writing);
    const task = stageFile(entry.absolute, contents, entry.mode, this.#madeFolders).then(
      (staged) => {
        entry.staged = staged;
      },
      (e: unknown) => {
        this.#writeFailure ??= new WriteError(entry.path, e);
        this.#stopped = true;
      },
    );
    const tracked = task.finally(() => this.#writing.delete(tracked));
    this.#writing.add(tracked);
  }
}
