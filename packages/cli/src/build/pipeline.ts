import { resolve } from "node:path";
import type { CompileOptions, Compiler } from "@personas/core";
import {
  type BuildKeys,
  createBuildKeys,
  type Diagnostic,
  declaredOutputs,
  hasErrors,
  hasSharedOutputs,
  hollowBlock,
  type KeptPersona,
  outputAt,
  type Persona,
  sortDiagnostics,
  type TargetId,
} from "@personas/core/outputs";
import { LARGE_LIBRARY } from "../heap.js";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import type { ProjectComposition } from "../project/compose.js";
import { displayDiagnostic, PersonaLoader, rootRelative } from "../project/load.js";
import type { Settings } from "../project/settings.js";
import type { Progress } from "../report/progress.js";
import { discardStaged } from "../write/atomic.js";
import { unifiedDiff } from "../write/diff.js";
import { locateDestination } from "../write/inspect.js";
import { OutputPlanner, type PlanMode, type PlannedFile } from "../write/plan.js";
import { findStaleFiles, readOutputBytes } from "../write/prune.js";
import { CurrentOutputs, type KeptId, type RecoverParts } from "./current.js";
import { PartSpool } from "./part-spool.js";

/**
 * The compile stage of a build, loaded and made at its first use: a build whose outputs are all
 * current (a no-op build, `--check` in CI) parses and compiles nothing, and then loads none of the
 * compiler's code — in a small repository that code is most of the time such a build takes.
 */
class CompileStage {
  readonly #settings: Settings;
  readonly #options: CompileOptions;
  readonly #keys: BuildKeys;
  readonly #files: () => number;
  #code: typeof import("./compile-stage.js") | undefined;
  #spool: PartSpool | undefined;
  #compiler: Compiler | undefined;
  #composition: ProjectComposition | undefined;
  // Kept before the compiler was made: their parts go to it when it is.
  #kept: KeptPersona[] = [];

  /**
   * `options` are the compiler's: its build keys are made from them now, the compiler later.
   * `files` counts the persona files found: a large library's parts of the shared files are
   * spooled to disk rather than held (see `PartSpool`).
   */
  constructor(settings: Settings, options: CompileOptions, files: () => number) {
    this.#settings = settings;
    this.#options = options;
    this.#keys = createBuildKeys(options);
    this.#files = files;
  }

  /** The keys this build's files carry; the compiler, once made, stamps and counts with them. */
  get keys(): BuildKeys {
    return this.#keys;
  }

  async code(): Promise<typeof import("./compile-stage.js")> {
    this.#code ??= await import("./compile-stage.js");
    return this.#code;
  }

  /** The targets' `recoverParts`, for reading parts back from shared files. */
  async recover(): Promise<RecoverParts> {
    const { targets } = await this.code();
    return (target, text) => targets[target].recoverParts?.(text);
  }

  /** A persona whose files are current: in every shared key now, and its parts in the compiler's lists. */
  keep(persona: KeptPersona): void {
    if (this.#compiler) {
      this.#compiler.keep(persona);
      return;
    }
    this.#keys.record(persona.path, persona.build);
    if (persona.parts.size > 0) this.#kept.push(persona);
  }

  async compiler(): Promise<Compiler> {
    if (this.#compiler) return this.#compiler;
    const { createCompiler } = await this.code();
    if (this.#files() >= LARGE_LIBRARY) this.#spool = PartSpool.tryOpen();
    const compiler = createCompiler({
      ...this.#options,
      keys: this.#keys,
      ...(this.#spool === undefined ? {} : { partStore: this.#spool }),
    });
    // Already counted in the keys by `keep`: only their parts are given.
    for (const kept of this.#kept) {
      for (const [target, part] of kept.parts)
        compiler.keepPart(target, { id: kept.id, build: this.#keys.partKeyOf(target, kept.build), part });
    }
    this.#kept = [];
    this.#compiler = compiler;
    return compiler;
  }

  /** Every persona has streamed by: parts added from now on are held in memory (`PartSpool.settle`). */
  settle(): void {
    this.#spool?.settle();
  }

  /** Removes the spool of parts, if there is one; the compiler is done with. */
  close(): void {
    this.#spool?.close();
    this.#spool = undefined;
  }

  async composition(index: PersonaLoader["index"]): Promise<ProjectComposition> {
    const { ProjectComposition } = await this.code();
    this.#composition ??= new ProjectComposition(this.#settings, index);
    return this.#composition;
  }
}

/** Everything a build does, worked out before any existing file changes. */
export interface BuildPlan {
  /** Ids of the personas read (each id once; colliding ids are left out), sorted. */
  personas: string[];
  /**
   * Ids of the personas that were parsed and compiled, sorted; the others' outputs were current
   * (their build keys matched) and they were neither parsed nor compiled.
   */
  compiled: string[];
  /**
   * Every file the build touches or checked, sorted by path; empty when there are errors. When
   * the build writes, new contents are already staged beside their destinations (`commitPlan`
   * renames them into place; `discardPlan` removes them).
   */
  files: PlannedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads into `existing` the current contents of a target's files that persona merges a block into
 * rather than owns, such as Copilot's `.github/copilot-instructions.md` (outputs whose format
 * merges), with an intact block hollowed out (`hollowBlock`). Read without following links.
 */
function readExisting(settings: Settings, existing: Map<string, string>, target: TargetId, reads: SharedReads): void {
  for (const { output } of declaredOutputs([target], settings.scope)) {
    if (output.format.owns !== "block") continue;
    const root = settings.targetRoots.get(target) ?? settings.outDir;
    const dest = locateDestination(settings.outDir, resolve(root, output.path));
    // Read as bytes and hollowed: the old block (tens of megabytes at 10,000 personas, twice that
    // as a string) is not needed to merge the new.
    const bytes = dest.kind === "found" ? reads.read(dest.at) : undefined;
    if (bytes) existing.set(output.path, hollowBlock(output.format, bytes));
  }
}

/**
 * A target's shared files, each read once: its parts are read back from a file and the new block
 * is merged into the same file, and a second read (38 MB for `.roomodes` at 10,000 personas) would
 * be held next to the first until the collector came by.
 */
class SharedReads {
  readonly #bytes = new Map<string, Uint8Array | undefined>();

  read(absolute: string): Uint8Array | undefined {
    if (!this.#bytes.has(absolute)) this.#bytes.set(absolute, readOutputBytes(absolute, Number.POSITIVE_INFINITY));
    return this.#bytes.get(absolute);
  }

  /** Lets the bytes go, once read back and merged. */
  clear(): void {
    this.#bytes.clear();
  }
}

/**
 * Shows a compile diagnostic's file: an output path is relative to its target's root (the file
 * may have been dropped for unsafe content, so match the registry patterns, not the result); any
 * other path is a source relative to the project root.
 */
function displayCompileDiagnostic(settings: Settings, d: Diagnostic): Diagnostic {
  const output = outputAt(d.file, settings.targets, settings.scope);
  if (!output) return displayDiagnostic(settings, d);
  const root = settings.targetRoots.get(output.target) ?? settings.outDir;
  return { ...d, file: settings.display(resolve(root, d.file)) };
}

/** How `planBuild` plans. */
export interface PlanOptions {
  force: boolean;
  mode: PlanMode;
  progress?: Progress | undefined;
  /**
   * Keep info diagnostics (what a target left out of a file); default true. A caller that shows
   * none (a build's human output without `--verbose`) says false: at 10,000 personas they are
   * 40,000 notes, 12 MB held until the build ends for nothing.
   */
  infos?: boolean;
  /** Check every persona's parts of the shared files before trusting it (see `recoverShared`). */
  eagerShared?: boolean;
}

/**
 * Plans a build persona by persona: each persona is parsed (from the cache, or in a worker),
 * compiled, compared with the disk and, when the build writes, staged, and then let go, so memory
 * stays flat however many personas there are and compiling overlaps parsing. Files shared by all
 * personas come last, then stale generated files are found. No existing file changes here: the
 * caller commits (build), shows diffs (--check) or lists (--dry-run). When any error is found,
 * whatever was staged is removed and `files` is empty, so nothing can be written by mistake.
 */
export async function planBuild(settings: Settings, options: PlanOptions): Promise<BuildPlan> {
  const progress = options.progress;
  // What compileOne does with each persona besides compiling it.
  const each = { progress, infos: options.infos !== false };
  const diagnostics: Diagnostic[] = [];
  // Filled before the shared files are assembled, with only the files that are (see readExisting).
  const existing = new Map<string, string>();
  // The loader, made below, is known by the time the stage makes its compiler.
  let loaderFiles = () => 0;
  const stage = new CompileStage(
    settings,
    {
      targets: settings.targets,
      existing,
      buildSalt: settings.buildSalt,
      scope: settings.scope,
      ...(settings.mcpServers === undefined ? {} : { mcpServers: settings.mcpServers }),
      ...(settings.templatesDir === undefined ? {} : { templatesDir: settings.templatesDir }),
    },
    () => loaderFiles(),
  );
  const keys = stage.keys;
  const planner = new OutputPlanner(settings, options);
  // The outputs are the cache: a persona whose files are current is neither parsed nor compiled.
  // `PERSONA_OUTPUT_CACHE=0` turns that off (to measure, or to rule it out).
  const current =
    process.env.PERSONA_OUTPUT_CACHE === "0"
      ? undefined
      : await CurrentOutputs.scan(settings, keys, options.eagerShared ? { eager: await stage.recover() } : {});
  // This thread compiles and writes each persona while the workers parse the next ones.
  const loader = new PersonaLoader(settings, {
    spareCores: 1,
    ...(current === undefined ? {} : { skip: (path: string, text: string) => current.check(path, text) }),
  });
  loaderFiles = () => loader.files.length;
  // Compile diagnostics by persona id, kept until it is known whether the id collides: a
  // persona that shares its id with another is reported as a collision, not compiled.
  const compiled = new Map<string, Diagnostic[]>();
  // Personas with `extends:` or `include:` are made whole once every id is known (see below).
  const composed: Persona[] = [];
  // Only whose parts to read back, if a shared file must be assembled again.
  const keptPersonas: KeptId[] = [];
  try {
    for await (const { result, firsts, kept, absolute } of loader.each()) {
      progress?.add({ read: 1 });
      progress?.setTotal(loader.files.length);
      const same = kept ? current?.take(rootRelative(settings, absolute)) : undefined;
      if (same) {
        if (loader.index.add({ id: same.id, source: { path: same.path } })) {
          stage.keep(same);
          planner.keepCurrent(same.files, same.id);
          keptPersonas.push({ id: same.id, path: same.path, build: same.build });
        }
        continue;
      }
      diagnostics.push(...result.diagnostics.map((d) => displayDiagnostic(settings, d)));
      if (hasErrors(result.diagnostics)) planner.stopWriting();
      if (result.personas.length === 0) continue;
      // A parsed persona is composed or compiled: either way the compile stage's code is needed.
      const { isComposed } = await stage.code();
      for (const [i, persona] of result.personas.entries()) {
        if (!firsts[i]) continue;
        if (isComposed(persona)) {
          (await stage.composition(loader.index)).remember(persona, result.diagnostics);
          composed.push(persona);
        } else {
          compiled.set(persona.id, await compileOne(settings, await stage.compiler(), planner, persona, each));
        }
      }
    }
    for (const persona of composed) {
      const made = (await stage.composition(loader.index)).compose(persona);
      diagnostics.push(...made.diagnostics.map((d) => displayDiagnostic(settings, d)));
      if (hasErrors(made.diagnostics)) planner.stopWriting();
      if (made.persona)
        compiled.set(persona.id, await compileOne(settings, await stage.compiler(), planner, made.persona, each));
    }
    if (loader.files.length === 0) {
      const dir = settings.display(settings.personasDir);
      diagnostics.push(cliDiagnostic("warning", CLI_RULES.inputEmpty, CLI_MESSAGES.noPersonas(dir), dir));
    }
    stage.settle();
    // The shared files, one target at a time: each is tens of megabytes at 10,000 personas, and
    // its parts, the user's file it merges into and the result are let go before the next.
    for (const target of settings.targets) {
      if (!hasSharedOutputs(target)) continue;
      const files = current?.sharedCurrent(target);
      if (files) {
        planner.keepCurrent(files);
        continue;
      }
      const made = await planShared(settings, { stage, planner, existing, current, kept: keptPersonas }, target);
      if (made === "restart") {
        // A shared file lacks the part of a persona whose own files are current (a build of fewer
        // targets made them, say): build again, checking every persona's parts before trusting it.
        await planner.discard();
        return await planBuild(settings, { ...options, eagerShared: true });
      }
      diagnostics.push(...made);
    }
    const ids = loader.index;
    diagnostics.push(...ids.collisions().map((d) => displayDiagnostic(settings, d)));
    for (const [id, found] of compiled) if (ids.isUnique(id)) diagnostics.push(...found);
    // A persona with errors has no output, so pruning now would mark its files stale: stop here.
    if (hasErrors(diagnostics)) return await failed(planner, ids.unique(), diagnostics);

    const sourceOf = (id: string | undefined) =>
      id === undefined ? "several personas" : settings.display(resolve(settings.root, ids.source(id) ?? id));
    const stale = await findStaleFiles(settings, settings.targets, planner, { force: options.force });
    if (options.mode === "check") {
      for (const f of stale.files) f.diff = unifiedDiff(f.path, f.action, f.before ?? "", undefined);
    }
    diagnostics.push(...planner.collisions(sourceOf), ...planner.diagnostics, ...stale.diagnostics);
    if (hasErrors(diagnostics)) return await failed(planner, ids.unique(), diagnostics);
    await planner.settle();
    const files = byPath([...planner.files, ...stale.files]);
    const made = [...compiled.keys()].filter((id) => ids.isUnique(id)).sort();
    return { personas: ids.unique(), compiled: made, files, diagnostics: sortDiagnostics(diagnostics) };
  } catch (e) {
    await planner.discard();
    throw e;
  } finally {
    stage.close();
  }
}

/** What `planShared` works with: the build's stages, and what it knows of the current personas. */
interface SharedWork {
  stage: CompileStage;
  planner: OutputPlanner;
  existing: Map<string, string>;
  current: CurrentOutputs | undefined;
  kept: readonly KeptId[];
}

/**
 * Assembles and plans one target's shared files: the kept personas' parts read back from them, the
 * user's text around the block, then the files; returns the diagnostics, as displayed, or
 * "restart" when a part is missing (see `recoverShared`). A function of its own so that nothing of
 * one target's files (tens of megabytes) outlives it: a suspended async function keeps a loop's
 * locals, so the parts read back for one target, left in the loop, were still held while the next
 * target's were read (34 MB of MCP prompts beside 38 MB of Roo modes at 10,000 personas).
 */
async function planShared(settings: Settings, work: SharedWork, target: TargetId): Promise<Diagnostic[] | "restart"> {
  const { stage, planner, existing } = work;
  const reads = new SharedReads();
  const compiler = await stage.compiler();
  if (recoverInto(compiler, work, target, await stage.recover(), reads) === "restart") return "restart";
  readExisting(settings, existing, target, reads);
  reads.clear();
  const made = compiler.finishTarget(target);
  existing.clear();
  await planner.add(made.files);
  // Written before the next is assembled: a file being staged keeps all of its text.
  await planner.settle();
  return made.diagnostics.map((d) => displayCompileDiagnostic(settings, d));
}

/**
 * Gives the compiler the kept personas' parts of a target's shared files, read back from them; a
 * function of its own so that the list of them is not held past this (the compiler lets the parts
 * go once the files are made).
 */
function recoverInto(
  compiler: Compiler,
  work: SharedWork,
  target: TargetId,
  recover: RecoverParts,
  reads: SharedReads,
): "restart" | undefined {
  const recovered = work.current?.recoverShared(target, work.kept, recover, (at) => reads.read(at));
  if (recovered === "restart") return "restart";
  for (const part of recovered?.parts ?? []) compiler.keepPart(target, part);
  return undefined;
}

/** Files sorted by their displayed path, each worked out once (a plan's files work it out when asked). */
function byPath(files: PlannedFile[]): PlannedFile[] {
  const keyed = files.map((file) => ({ path: file.path, file }));
  keyed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return keyed.map((k) => k.file);
}

/**
 * Compiles one persona and plans its files; returns its compile diagnostics, as displayed (without
 * infos unless `infos`).
 */
async function compileOne(
  settings: Settings,
  compiler: Compiler,
  planner: OutputPlanner,
  persona: Persona,
  { progress, infos }: { progress: Progress | undefined; infos: boolean },
): Promise<Diagnostic[]> {
  const compiled = compiler.add(persona);
  progress?.add({ compiled: 1, staged: compiled.files.length });
  if (hasErrors(compiled.diagnostics)) planner.stopWriting();
  await planner.add(compiled.files);
  const kept = infos ? compiled.diagnostics : compiled.diagnostics.filter((d) => d.severity !== "info");
  return kept.map((d) => displayCompileDiagnostic(settings, d));
}

async function failed(planner: OutputPlanner, personas: string[], diagnostics: Diagnostic[]): Promise<BuildPlan> {
  await planner.discard();
  return { personas, compiled: [], files: [], diagnostics: sortDiagnostics(diagnostics) };
}

/** Removes what a plan staged, when the build decides not to write after all (--max-warnings). */
export async function discardPlan(plan: BuildPlan): Promise<void> {
  await discardStaged(plan.files.flatMap((f) => (f.staged ? [f.staged] : [])));
}
