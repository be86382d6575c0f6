import {
  type BuildKeys,
  createBuildKeys,
  filesField,
  type KeySource,
  sourcesOf,
  templatesFingerprint,
} from "./build-key.js";
import {
  compareStrings,
  type Diagnostic,
  diagnostic,
  firstOf,
  hasErrors,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";
import type { Stamp } from "./formats/marker.js";
import { type GeneratedFile, type GeneratedFileInfo, generatedFile } from "./generated-file.js";
import type { Persona } from "./model/persona.js";
import { findHiddenInValues } from "./parse/decoded-values.js";
import { scanHiddenUnicode } from "./parse/hidden-unicode.js";
import { LineIndex } from "./parse/text.js";
import { memoryPartStore, type PartStore } from "./part-store.js";
import type { TemplateSet } from "./render/renderer.js";
import { createRenderer } from "./render/renderer.js";
import {
  type EmittedPath,
  outputPath,
  type SharedPart,
  type Target,
  type TargetContext,
  type TargetFile,
} from "./targets/define-target.js";
import { isTargetId, type TargetId, targetIds, targets } from "./targets/index.js";
import type { Scope } from "./targets/outputs.js";
import { personaDiagnostic } from "./targets/support.js";
import { templateSetFor } from "./targets/template-set.js";
import { checkTargetOptions } from "./validate/target-options.js";

/** Options of `compile`. */
export interface CompileOptions {
  /** Targets to emit, in any order; default: every registered target. */
  targets?: readonly TargetId[];
  /** Template sources that replace defaults of the same name (`claude/agent.hbs`). */
  templates?: TemplateSet;
  /** A folder of `.hbs` files laid out like templates/ that replace defaults of the same name. */
  templatesDir?: string;
  /** Current contents of the files persona merges a block into (Copilot's instructions), by path. */
  existing?: ReadonlyMap<string, string>;
  /**
   * What else the outputs depend on, in every build key: the tool's version and the configuration
   * that changes outputs (the CLI passes both). Default "".
   */
  buildSalt?: string;
  /**
   * The build keys to stamp files with and count personas in, when the caller made them first
   * (`createBuildKeys` with these same options) to find what is current before compiling;
   * default: the compiler's own.
   */
  keys?: BuildKeys;
  /**
   * `user`: only the outputs a tool reads from the home folder, at their paths there
   * (`.claude/agents/<id>.md` for `~/.claude/agents/<id>.md`); a target's other outputs, and files
   * shared by every persona, are left out. Default `project`.
   */
  scope?: Scope;
  /**
   * The config's `mcpServers`: the MCP server names personas use ("Context7", "Sequential") mapped
   * to the names of configured servers ("context7", "sequential-thinking"). With it, targets that
   * take tool lists name a persona's preferred and avoided servers (Claude: `mcpServers:` and
   * `disallowedTools: mcp__<server>__*`); without it nothing is written into tool lists, since a
   * tool list that leaves out MCP tools cuts an agent off from them.
   */
  mcpServers?: Readonly<Record<string, string>>;
  /**
   * Where the parts of shared files wait until they are assembled; default in memory. A caller
   * building thousands of personas can keep them out of memory (see `PartStore`).
   */
  partStore?: PartStore;
}

/** What `compile` returns: the finished files and every diagnostic. */
export interface CompileResult {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Hidden characters in a persona's values that its source text does not show (YAML escapes). The
 * parser already refuses them with positions; this catches personas built in code. Reported at the
 * source file, naming the field, once per persona rather than once per output file. The body's
 * sections are slices of the scanned text, so they are skipped. `compile` leaves such a persona
 * out; anything else that serves personas (`persona mcp`) must too.
 */
export function findHiddenValues(persona: Persona): Diagnostic[] {
  const { source: _source, sections: _sections, ...values } = persona;
  return findHiddenInValues(values, persona.source.path, () => ({ line: 1, column: 1 }));
}

/**
 * A compiler that takes personas one at a time. `add` returns a persona's own files as soon as
 * they are made, so a caller can write them and let go (a build of 10,000 personas never holds
 * every output at once); `finish` returns the files shared by every persona added (Copilot's
 * repository instructions, MCP's prompts.json), assembled from small per-persona parts. The files
 * depend only on the set of personas added, not on the order: shared files list them by id.
 */
export interface Compiler {
  /** Compiles one persona: its finished files and its diagnostics. */
  add(persona: Persona): CompileResult;
  /**
   * Takes a persona that is not compiled because its files are current (their build key is the
   * one its sources give): its parts of the shared files, read back from those files by
   * `recoverParts`, go into `finish` as if it had been added.
   */
  keep(persona: KeptPersona): void;
  /**
   * Gives a kept persona's part of one target's shared files later than `keep` (a build that
   * reads parts back only when a shared file has to be assembled again). `build` is the part's
   * key: `partKeyOf(target, persona's build key)`.
   */
  keepPart(target: TargetId, part: SharedPart<unknown>): void;
  /**
   * The shared files of every persona added or kept; call once, after the last (it lets them go).
   * Targets in `current` are not assembled: their shared files are known to be current (their
   * markers carry `sharedKeyOf`, and their content hashes match), so they have no files here.
   */
  finish(options?: { current?: ReadonlySet<TargetId> }): CompileResult;
  /**
   * The shared files of one target, for a caller that assembles them one target at a time and
   * lets each go before the next (at 10,000 personas each is tens of megabytes); once per target,
   * in place of `finish`. A target not selected, or without shared files, gives none.
   */
  finishTarget(target: TargetId): CompileResult;
  /** The build key this compiler gives a persona made from these source files. */
  keyOf(sources: readonly KeySource[]): string;
  /**
   * The key a persona's part of a target's shared files carries, from the persona's build key:
   * the build key itself, except in a file that lists the other targets' files (AGENTS.md), whose
   * entries also depend on which targets are built.
   */
  partKeyOf(target: TargetId, build: string): string;
  /** The key the shared file `output` (its name in the target's outputs) gets from the personas added and kept so far. */
  sharedKeyOf(target: TargetId, output: string): string;
}

/** A persona whose files are current, with the parts of shared files recovered for it. */
export interface KeptPersona {
  id: string;
  /** Its source path, as markers name it. */
  path: string;
  /** Its build key (the one its files carry). */
  build: string;
  /** Its part of each selected target's shared files, where it has one. */
  parts: ReadonlyMap<TargetId, unknown>;
}

const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);

/** A target's file with the target it came from. */
interface Emitted {
  target: TargetId;
  file: TargetFile;
}

/** Targets that list the others' files come last, so those files are known when they compile. */
function inCompileOrder(ids: readonly TargetId[]): TargetId[] {
  return [
    ...ids.filter((id) => targets[id].listsOtherOutputs !== true),
    ...ids.filter((id) => targets[id].listsOtherOutputs === true),
  ];
}

/**
 * Creates a compiler over the targets and templates of `options`; `compile` is this compiler run
 * over a list. Pure like `compile`.
 *
 * @example
 * const compiler = createCompiler({ targets: ["claude", "mcp"] });
 * for (const persona of personas) write(compiler.add(persona).files);
 * write(compiler.finish().files);
 */
export function createCompiler(options: CompileOptions = {}): Compiler {
  const templates = templateSetFor(options);
  const keys = options.keys ?? createBuildKeys(options);
  // A key book made for other templates would stamp files with keys their text does not match.
  if (keys.templates !== templatesFingerprint(templates))
    throw new Error("createCompiler: `keys` were made for other templates");
  const context: TargetContext = {
    render: createRenderer(templates, options.templatesDir ?? "templates"),
    existing: options.existing ?? new Map(),
    emitted: [],
    scope: options.scope ?? "project",
    mcpServers: options.mcpServers,
  };
  const selected = inCompileOrder(targetIds.filter((id) => !options.targets || options.targets.includes(id)));
  // Every target is compiled for every persona, the selected ones for their files and the others
  // only to count them: a persona's markers say how many files each target writes for it, the
  // same whatever was selected, so a build of one target never rewrites them.
  const all = inCompileOrder(targetIds);
  // Parts wait in the store until their target's shared files are assembled, once per target.
  const store = options.partStore ?? memoryPartStore();
  const open = new Set(selected);
  const keepPart = (id: TargetId, part: SharedPart<unknown>) => {
    if (open.has(id)) store.add(id, part);
  };
  // A broken template fails the same way for every persona: each target reports it once. Only
  // what is not about the persona's own file is remembered across personas: a diagnostic about a
  // persona's file cannot come again for another, and remembering each (a left-out field is
  // reported for most personas) held 14 MB of keys at 10,000 personas.
  const reported = new Map(selected.map((id) => [id, new Set<string>()]));
  const firstTime = (id: TargetId, found: readonly Diagnostic[], own?: string) => {
    const across = reported.get(id) as Set<string>;
    const mine = new Set<string>();
    return found.filter((d) => firstOf(d, d.file === own ? mine : across));
  };
  const { keyOf, partKeyOf, sharedKeyOf } = keys;

  const finishTarget = (id: TargetId): CompileResult => {
    const target = targets[id] as unknown as Target;
    if (!open.has(id) || !target.compileShared) return { files: [], diagnostics: [] };
    open.delete(id);
    // Stable sort: personas with one id (a caller's mistake) keep the order they were added in.
    const ordered = store.take(id).sort(byId);
    const out = target.compileShared(ordered, context);
    // Let the parts go once the shared files are made from them (they can be tens of megabytes).
    ordered.length = 0;
    const emitted = out.files.map((file) => ({ target: id, file }));
    const stampOf = (e: Emitted) => ({ build: sharedKeyOf(e.target, outputName(e.target, e.file)) });
    return finishFiles(emitted, firstTime(id, out.diagnostics), context, stampOf);
  };

  return {
    keyOf,
    partKeyOf,
    sharedKeyOf,
    add(persona) {
      // A persona whose decoded values hide characters is not compiled: its outputs would carry them.
      const diagnostics = findHiddenValues(persona);
      if (hasErrors(diagnostics)) return { files: [], diagnostics };
      const checked = checkTargetOptions(persona, all);
      diagnostics.push(...checked.diagnostics.filter((d) => isAbout(d, selected)));
      const build = keyOf(sourcesOf(persona));
      keys.record(persona.source.path, build);
      const emitted: Emitted[] = [];
      const counts = new Map<string, number>();
      for (const id of all) {
        const isSelected = selected.includes(id);
        if (!checked.options.has(id)) continue;
        const target = targets[id] as unknown as Target;
        const own = target.listsOtherOutputs ? { ...context, emitted: emittedPaths(emitted) } : context;
        const out = target.compilePersona(persona, checked.options.get(id) as Record<string, unknown>, own);
        // Counted in the scope being built: a user-scope build writes only home-folder outputs.
        counts.set(id, out.files.filter((f) => context.scope === "project" || f.output.user !== undefined).length);
        if (!isSelected) continue;
        diagnostics.push(...firstTime(id, out.diagnostics, persona.source.path));
        for (const file of out.files) emitted.push({ target: id, file });
        if (out.part !== undefined) keepPart(id, { id: persona.id, build: partKeyOf(id, build), part: out.part });
      }
      const files = filesField(new Map(targetIds.map((id) => [id, counts.get(id) ?? 0])));
      return finishFiles(emitted, diagnostics, context, { build, files }, persona);
    },
    keep(kept) {
      keys.record(kept.path, kept.build);
      for (const [id, part] of kept.parts) keepPart(id, { id: kept.id, build: partKeyOf(id, kept.build), part });
    },
    keepPart,
    finishTarget,
    finish(options = {}) {
      const files: GeneratedFile[] = [];
      const diagnostics: Diagnostic[] = [];
      for (const id of selected) {
        if (options.current?.has(id) && open.delete(id)) store.take(id);
        const out = finishTarget(id);
        files.push(...out.files);
        diagnostics.push(...out.diagnostics);
      }
      files.sort((a, b) => compareStrings(a.path, b.path));
      return { files, diagnostics: sortDiagnostics(diagnostics) };
    },
  };
}

/**
 * True when a diagnostic from checking every target's options concerns a selected target (or no
 * target at all): a build of one target does not report another's mistakes.
 */
function isAbout(d: Diagnostic, selected: readonly TargetId[]): boolean {
  const target = /`targets\.([a-z0-9-]+)/.exec(d.message)?.[1];
  return target === undefined || !isTargetId(target) || selected.includes(target);
}

/** Where the files emitted so far for a persona go, with their targets. */
function emittedPaths(emitted: readonly Emitted[]): EmittedPath[] {
  return emitted.map(({ target, file }) => ({
    target,
    description: outputPath(file.output.description, file.personaId),
    path: outputPath(file.output.path, file.personaId),
  }));
}

/** The name under which a target declares an output (outputs are declared once, by name). */
function outputName(target: TargetId, file: TargetFile): string {
  const found = Object.entries(targets[target].outputs).find(([, output]) => output === file.output);
  if (!found) throw new Error(`${target} emitted a file of an output it does not declare: ${file.output.path}`);
  return found[0];
}

/**
 * The one finishing step every generated file passes through: its format serialises it with the
 * marker and hash (or merges persona's block into the user's file), the output's declared size
 * limit is checked, and output a user template made unsafe (hidden Unicode) is reported and
 * dropped. Files come back sorted by path in code-unit order, so identical input gives
 * byte-identical output on every OS and locale.
 */
function finishFiles(
  emitted: Emitted[],
  diagnostics: Diagnostic[],
  context: TargetContext,
  stamp: Omit<Stamp, "sources"> | ((emitted: Emitted) => Omit<Stamp, "sources">),
  persona?: Persona,
): CompileResult {
  const files: GeneratedFile[] = [];
  for (const one of emitted) {
    const { target, file } = one;
    const pattern = context.scope === "user" ? file.output.user : file.output.path;
    if (pattern === undefined) continue;
    const path = outputPath(pattern, file.personaId);
    const format = file.output.format;
    const fullStamp: Stamp = { sources: file.sources, ...(typeof stamp === "function" ? stamp(one) : stamp) };
    let chunks: readonly string[];
    // The chunks persona wrote (the rest, in a merged file, is the user's text around its block).
    let ours: readonly [number, number];
    if (format.owns === "file") {
      chunks = format.write(file.doc as never, fullStamp);
      ours = [0, chunks.length];
    } else {
      const existing = context.existing.get(path);
      const merged = format.write(file.doc as never, fullStamp, existing);
      if ("problem" in merged) {
        const at = new LineIndex(existing ?? "").position(merged.offset);
        diagnostics.push(
          diagnostic("error", RULES.targetManagedBlock, MESSAGES.managedBlock(merged.problem), path, at),
        );
        continue;
      }
      chunks = merged.chunks;
      ours = merged.ours;
    }
    const info: GeneratedFileInfo = { path, target, output: outputName(target, file), format: format.name };
    if (file.personaId !== undefined) info.personaId = file.personaId;
    const finished = generatedFile(info, chunks);
    diagnostics.push(...overLimit(file, finished, persona));
    const hidden = hiddenInOutput(finished, ours);
    for (const d of hidden) {
      diagnostics.push(
        diagnostic("error", RULES.outputHiddenUnicode, `${d.message} (introduced by a template)`, d.file, d),
      );
    }
    if (hidden.length === 0) files.push(finished);
  }
  // The unfinished documents are garbage from here on; do not hold a large one through the sort.
  emitted.length = 0;
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

/** A warning when a finished file passes its output's declared limit (a persona's at its source). */
function overLimit(file: TargetFile, finished: GeneratedFile, persona: Persona | undefined): Diagnostic[] {
  const limit = file.output.limit;
  if (!limit) return [];
  // Measured over the chunks: a shared file over its limit is often tens of megabytes.
  const chunks = finished.chunks();
  const sum = (measure: (chunk: string) => number) => chunks.reduce((total, chunk) => total + measure(chunk), 0);
  let message: string | undefined;
  const characters = sum((chunk) => chunk.length);
  const bytes = limit.bytes === undefined ? 0 : sum((chunk) => Buffer.byteLength(chunk, "utf8"));
  if (limit.characters !== undefined && characters > limit.characters) {
    message = MESSAGES.targetLimit(limit.what, characters, limit.characters, limit.effect);
  } else if (limit.bytes !== undefined && bytes > limit.bytes) {
    message = MESSAGES.targetByteLimit(limit.what, bytes, limit.bytes, limit.effect);
  } else if (limit.lines !== undefined) {
    const lines = sum((chunk) => countLineEnds(chunk));
    if (lines > limit.lines) message = MESSAGES.targetLineLimit(limit.what, lines, limit.lines, limit.effect);
  }
  if (message === undefined) return [];
  if (persona) return [personaDiagnostic(persona, "warning", RULES.targetLimit, message)];
  return [diagnostic("warning", RULES.targetLimit, message, finished.path, { line: 1, column: 1 })];
}

/** The line feeds in a text. */
function countLineEnds(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/**
 * Hidden characters in what persona wrote of a finished file (errors only): in a merged file, its
 * block, not the user's text around it (their CRLF line ends or BOM are theirs to keep).
 */
function hiddenInOutput(file: GeneratedFile, [from, to]: readonly [number, number]): Diagnostic[] {
  const all = file.chunks();
  const chunks = all.slice(from, to);
  const errors = (text: string, index: Pick<LineIndex, "position">) =>
    scanHiddenUnicode(text, file.path, index).filter((d) => d.severity === "error");
  // Chunk by chunk first, and joined only when one shows something: for exact positions, and so a
  // joiner at a chunk's edge is judged with its real neighbours.
  if (chunks.length > 1 && !chunks.some((chunk) => errors(chunk, new LineIndex(chunk)).length > 0)) return [];
  const start = all.slice(0, from).reduce((length, chunk) => length + chunk.length, 0);
  const whole = new LineIndex(file.contents);
  return errors(chunks.join(""), { position: (offset) => whole.position(start + offset) });
}

/**
 * Compiles personas into the native files of each target. Pure: it reads no personas and writes
 * nothing; it returns the files (finalised, sorted, byte-stable) and the diagnostics. Output that
 * a user template made unsafe (hidden Unicode) is reported and dropped, never returned.
 *
 * @example
 * const { files, diagnostics } = compile(personas, { targets: ["claude", "cursor"] });
 */
export function compile(personas: readonly Persona[], options: CompileOptions = {}): CompileResult {
  const compiler = createCompiler(options);
  const files: GeneratedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const persona of [...personas].sort(byId)) {
    const one = compiler.add(persona);
    files.push(...one.files);
    diagnostics.push(...one.diagnostics);
  }
  const shared = compiler.finish();
  files.push(...shared.files);
  diagnostics.push(...shared.diagnostics);
  return { files: files.sort((a, b) => compareStrings(a.path, b.path)), diagnostics: sortDiagnostics(diagnostics) };
}
