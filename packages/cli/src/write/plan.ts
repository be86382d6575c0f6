import { resolve } from "node:path";
import { type Diagnostic, decideWrite, type GeneratedFile, ownershipOf, type TargetId } from "@personas/core/outputs";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import type { Settings } from "../project/settings.js";
import { discardStaged, type FolderMaker, nextSerial, type StagedFile, stageFile, tempPath } from "./atomic.js";
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
  readonly absolute: string;
  /** The path as shown to the user (relative to the working folder). */
  readonly path: string;
  readonly target: string;
  readonly personaId?: string;
  action: FileAction;
  /** Current contents of a file to remove: re-checked just before it is unlinked. */
  before?: string;
  /** The unified diff of a difference, when the plan keeps diffs (`--check`). */
  diff?: string;
  /** The new contents in a temp file beside the destination, renamed into place on commit. */
  readonly staged?: StagedFile | undefined;
  /** Permissions of the existing file, kept on update. */
  mode?: number;
}

/**
 * A file the planner planned, kept small: a build of 10,000 personas plans 120,000 of them. The
 * displayed path and the staged temp file are worked out when asked for rather than held (three
 * strings and two objects a file were 70 MB of such a build's heap), from the destination and
 * the temp file's serial number.
 */
class PlannedOutput implements PlannedFile {
  readonly absolute: string;
  readonly target: string;
  readonly personaId?: string;
  action: FileAction;
  diff?: string;
  mode?: number;
  readonly #display: (absolute: string) => string;
  // The staged temp file's serial (see `tempPath`), 0 when nothing is staged.
  #serial = 0;
  #createdFolder: string | undefined;

  constructor(display: (absolute: string) => string, absolute: string, target: string, personaId?: string) {
    this.#display = display;
    this.absolute = absolute;
    this.target = target;
    if (personaId !== undefined) this.personaId = personaId;
    this.action = "add";
  }

  get path(): string {
    return this.#display(this.absolute);
  }

  get staged(): StagedFile | undefined {
    if (this.#serial === 0) return undefined;
    return {
      temp: tempPath(this.absolute, this.#serial),
      destination: this.absolute,
      createdFolder: this.#createdFolder,
    };
  }

  stage(serial: number, createdFolder: string | undefined): void {
    this.#serial = serial;
    this.#createdFolder = createdFolder;
  }

  unstage(): void {
    this.#serial = 0;
    this.#createdFolder = undefined;
  }
}

/** Files found and the problems that block them (pruning's answer). */
export interface WritePlan {
  files: PlannedFile[];
  diagnostics: Diagnostic[];
}

/** Temp files being written at once: thousands at once would run out of descriptors (EMFILE). */
const STAGE_CONCURRENCY = 16;

/** What a plan remembers of a file to name it in a collision. */
interface Named {
  readonly absolute: string;
  readonly personaId?: string;
}

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
  readonly diagnostics: Diagnostic[] = [];
  readonly #files: PlannedOutput[] = [];
  readonly #settings: Settings;
  readonly #display: (absolute: string) => string;
  readonly #force: boolean;
  readonly #mode: PlanMode;
  // Folders are shared by many outputs; each is looked at once per plan.
  readonly #folders: FolderCache = new Map();
  // Destinations by case-folded path: two files that land on one path on macOS or Windows. Also
  // what `has` answers from, so a plan holds one entry per file.
  readonly #byKey = new Map<string, Named>();
  readonly #clashes = new Map<string, Named[]>();
  // Folders made or found while staging, so each is created once.
  readonly #madeFolders: FolderMaker = new Map();
  readonly #writing = new Set<Promise<void>>();
  #writeFailure: WriteError | undefined;
  #stopped = false;

  constructor(settings: Settings, options: { force: boolean; mode: PlanMode }) {
    this.#settings = settings;
    this.#display = (absolute) => settings.display(absolute);
    this.#force = options.force;
    this.#mode = options.mode;
  }

  /** The files planned so far, in the order planned. */
  get files(): readonly PlannedFile[] {
    return this.#files;
  }

  /** Stops staging: the build found an error and will write nothing. */
  stopWriting(): void {
    this.#stopped = true;
  }

  /** True when a file of the plan is going to this absolute path (what pruning keeps). */
  has(absolute: string): boolean {
    return this.#byKey.get(foldedKey(absolute))?.absolute === absolute;
  }

  /**
   * Plans compiled files, staging the new contents of each when the build writes. Resolves once
   * staging has room for more (backpressure), so at most STAGE_CONCURRENCY files are held.
   */
  async add(files: readonly GeneratedFile[]): Promise<void> {
    for (const file of files) {
      const planned = this.#plan(file);
      if (planned === undefined) continue;
      this.#files.push(planned.entry);
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
    await discardStaged(this.#files.flatMap((f) => (f.staged ? [f.staged] : [])));
    for (const f of this.#files) f.unstage();
  }

  /**
   * Records files that are current (their persona needed no compile): planned as unchanged, so
   * pruning keeps them and the summary counts them, without reading or comparing them again.
   */
  keepCurrent(files: readonly { absolute: string; target: string }[], personaId?: string): void {
    for (const file of files) {
      const entry = new PlannedOutput(this.#display, flat(file.absolute), file.target, personaId);
      entry.action = "unchanged";
      this.#byKey.set(foldedKey(file.absolute), entry);
      this.#files.push(entry);
    }
  }

  /** Files that land on one path on a case-insensitive file system, naming their sources. */
  collisions(sourceOf: (personaId: string | undefined) => string): Diagnostic[] {
    const settings = this.#settings;
    return [...this.#clashes.values()].map((group) => {
      const first = group[0] as Named;
      const sources = [...new Set(group.map((f) => sourceOf(f.personaId)))].sort();
      const others = group.slice(1).map((f) => settings.display(f.absolute));
      const path = settings.display(first.absolute);
      return cliDiagnostic(
        "error",
        CLI_RULES.outputCollision,
        `${CLI_MESSAGES.collision(path, others)} (from ${sources.join(", ")})`,
        path,
      );
    });
  }

  #plan(file: GeneratedFile): { entry: PlannedOutput; after?: readonly string[] } | undefined {
    const settings = this.#settings;
    // Flat: a path built of pieces is kept as those pieces, several times its size.
    const absolute = flat(destinationOf(settings, file));
    const key = foldedKey(absolute);
    const first = this.#byKey.get(key);
    const entry = new PlannedOutput(this.#display, absolute, file.target, file.personaId);
    if (first) {
      this.#clashes.set(key, [...(this.#clashes.get(key) ?? [first]), entry]);
      this.#stopped = true;
      return undefined;
    }
    this.#byKey.set(key, entry);
    const dest: Destination = UNSAFE_PATH.test(file.path)
      ? { kind: "outside" }
      : inspectDestination(settings.outDir, absolute, this.#folders, {
          format: file.format,
          text: file.chunks(),
          readChanged: this.#mode === "check",
        });
    const error = (rule: string, message: string) => {
      this.diagnostics.push(cliDiagnostic("error", rule, message, entry.path));
      this.#stopped = true;
      return undefined;
    };
    switch (dest.kind) {
      case "outside":
        return error(CLI_RULES.outputOutsideRoot, CLI_MESSAGES.outsideRoot(entry.path));
      case "symlink":
        return error(CLI_RULES.outputSymlink, CLI_MESSAGES.symlink(settings.display(dest.at)));
      case "not-file":
        return error(CLI_RULES.outputNotFile, CLI_MESSAGES.notFile(settings.display(dest.at)));
      case "same":
        entry.action = "unchanged";
        return { entry };
      case "missing":
        return { entry: this.#withDiff(entry, "", file), after: file.chunks() };
      case "file":
      case "changed": {
        // A large file the chunked comparison already found different is not joined to compare.
        if (dest.kind === "file" && !dest.differs && dest.contents === file.contents) {
          entry.action = "unchanged";
          return { entry };
        }
        // Read whole only for a diff (`--check`); a large one otherwise was checked in chunks.
        const before = dest.kind === "file" ? dest.contents : "";
        const ownership = dest.kind === "changed" ? dest.ownership : ownershipOf(file.format, before);
        entry.mode = dest.mode;
        switch (decideWrite(ownership, this.#force)) {
          case "refuse": {
            const merged = file.format === "managed-block";
            const message = merged
              ? CLI_MESSAGES.notGeneratedManaged(entry.path)
              : CLI_MESSAGES.notGenerated(entry.path);
            return error(CLI_RULES.outputNotGenerated, message);
          }
          case "keep-edited":
            this.diagnostics.push(
              cliDiagnostic("warning", CLI_RULES.outputEdited, CLI_MESSAGES.edited(false), entry.path),
            );
            entry.action = "edited";
            return { entry: this.#withDiff(entry, before, file) };
          case "write":
            entry.action = "update";
            return { entry: this.#withDiff(entry, before, file), after: file.chunks() };
        }
      }
    }
  }

  /** Keeps the diff when the plan is for `--check` (the only time a large file is joined). */
  #withDiff(entry: PlannedOutput, before: string, file: GeneratedFile): PlannedOutput {
    if (this.#mode === "check") entry.diff = unifiedDiff(entry.path, entry.action, before, file.contents);
    return entry;
  }

  /**
   * Stages new contents when the build writes (and nothing has gone wrong yet). Asynchronous: the
   * thread pool creates files side by side, and this thread stays free to hand parse results
   * to the workers and compile (creating a file costs a third of a millisecond on a VM disk).
   */
  async #keep(entry: PlannedOutput, contents: readonly string[]): Promise<void> {
    if (this.#mode !== "write" || this.#stopped) return;
    while (this.#writing.size >= STAGE_CONCURRENCY) await Promise.race(this.#writing);
    const serial = nextSerial();
    const task = stageFile(entry.absolute, contents, entry.mode, this.#madeFolders, serial).then(
      (staged) => entry.stage(serial, staged.createdFolder),
      (e: unknown) => {
        this.#writeFailure ??= new WriteError(entry.path, e);
        this.#stopped = true;
      },
    );
    const tracked = task.finally(() => this.#writing.delete(tracked));
    this.#writing.add(tracked);
  }
}

/** The key under which two paths are one file on a case-insensitive file system. */
function foldedKey(absolute: string): string {
  return absolute.normalize("NFC").toLowerCase();
}

/** A copy of a string in one piece (a string built by concatenation is a tree of its parts). */
function flat(text: string): string {
  // Reading a string as a number flattens it (JavaScript has no way to ask for that directly),
  // and the collector then drops the pieces: `path.resolve` gives a tree of about ten strings.
  Number(text);
  return text;
}
