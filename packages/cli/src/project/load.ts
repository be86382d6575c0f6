import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import {
  compareStrings,
  type Diagnostic,
  type FileParseResult,
  findPersonaFiles,
  type Persona,
  PersonaIndex,
  sortDiagnostics,
  withIdPrefix,
} from "@personas/core/outputs";
import { ConfigError } from "../errors.js";
import { sizeHeapFor } from "../heap.js";
import { CLI_MESSAGES } from "../messages.js";
import { type ParseEntry, parseEach } from "./parse-files.js";
import type { Settings } from "./settings.js";

/** Personas of a project with diagnostics whose paths are shown relative to the working folder. */
export interface ProjectPersonas {
  personas: Persona[];
  diagnostics: Diagnostic[];
  /** Every persona file found, as displayed paths. */
  files: string[];
}

/** A path relative to the project root with `/`, as generated files name their sources. */
export function rootRelative(settings: Settings, absolute: string): string {
  return relative(settings.root, absolute).split(sep).join("/");
}

/** Maps a diagnostic's file (absolute, or relative to the project root) to a displayed path. */
export function displayDiagnostic(settings: Settings, d: Diagnostic): Diagnostic {
  const absolute = isAbsolute(d.file) ? d.file : resolve(settings.root, d.file);
  return { ...d, file: settings.display(absolute) };
}

/** Fails with exit 2 and a hint when a folder the user named (or defaulted to) is missing. */
export async function requireFolder(settings: Settings, what: string, absolute: string): Promise<void> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ConfigError(
      `persona: ${CLI_MESSAGES.missingFolder(what, settings.display(absolute)).replace(/^T/, "t")}`,
      [],
      what === "personas" ? "Create one with `persona init`, or pass --personas DIR." : undefined,
    );
  }
}

/** One file the loader read: where it is in the input, its displayed path, and what it parsed to. */
export interface LoadedFile {
  index: number;
  /** The absolute path of the file. */
  absolute: string;
  result: FileParseResult;
  /**
   * For each persona of `result.personas` (a multi-persona file holds several), true when it is
   * the first of its id (the one to compile).
   */
  firsts: boolean[];
  /** True when the loader's `skip` kept the file unparsed (its outputs are current). */
  kept: boolean;
}

/** How a `PersonaLoader` finds and names files. */
export interface LoaderOptions {
  /** Files to read, each with the folder a symlink to it must stay inside; default: the personas folder. */
  entries?: readonly ParseEntry[];
  /** The path a file is named by in diagnostics and markers; default: relative to the project root. */
  sourcePath?: (absolute: string) => string;
  /** Cores left to the calling thread (a build compiles while the workers parse). */
  spareCores?: number;
  /** Files that need no parse, from their source path and text (see `ParseFilesOptions.skip`). */
  skip?: (sourcePath: string, text: string) => boolean;
}

/**
 * The one loader of persona files: every command that reads personas reads them here. Files are
 * read and parsed as a stream (from the parse cache, or in worker threads), so a build can compile
 * each persona as it arrives; ids are checked once, by `PersonaIndex`, with one collision key.
 */
export class PersonaLoader {
  /** The ids seen so far; after `each` has finished, its `collisions()` are final. */
  readonly index = new PersonaIndex();
  /** The files read, as absolute paths, in input order (known once `each` starts). */
  files: string[] = [];
  readonly #settings: Settings;
  readonly #options: LoaderOptions;

  constructor(settings: Settings, options: LoaderOptions = {}) {
    this.#settings = settings;
    this.#options = options;
  }

  /** Reads and parses every file, yielding each as soon as it is ready (in no particular order). */
  async *each(): AsyncGenerator<LoadedFile> {
    const settings = this.#settings;
    let entries = this.#options.entries;
    if (entries === undefined) {
      await requireFolder(settings, "personas", settings.personasDir);
      const found = await findPersonaFiles(settings.personasDir);
      entries = found.map((path) => ({ path, root: settings.personasDir }));
    }
    this.files = entries.map((e) => e.path);
    sizeHeapFor(entries.length);
    const list = entries;
    const parsed = parseEach(list, {
      root: settings.root,
      cacheDir: settings.cacheDir,
      sourcePath: this.#options.sourcePath ?? ((path) => rootRelative(settings, path)),
      maxBytes: settings.maxFileBytes,
      spareCores: this.#options.spareCores ?? 0,
      vars: settings.vars,
      ...(this.#options.skip === undefined ? {} : { skip: this.#options.skip }),
    });
    const prefix = settings.idPrefix ?? "";
    for await (const { index, result: parsedResult, kept } of parsed) {
      const result = prefix === "" ? parsedResult : withPrefix(parsedResult, prefix);
      const firsts = result.personas.map((p) => this.index.add(p));
      yield { index, absolute: (list[index] as ParseEntry).path, result, firsts, kept: kept === true };
    }
  }
}

/** A file's personas under the config's `idPrefix`; one whose prefixed id is invalid becomes an error. */
function withPrefix(result: FileParseResult, prefix: string): FileParseResult {
  const personas: Persona[] = [];
  const diagnostics = [...result.diagnostics];
  for (const p of result.personas) {
    const prefixed = withIdPrefix(p, prefix);
    if ("persona" in prefixed) personas.push(prefixed.persona);
    else diagnostics.push(prefixed.diagnostic);
  }
  return { personas, diagnostics };
}

/**
 * Loads the personas folder whole: the personas whose ids are their own (sorted by id), every
 * diagnostic, id collisions included. Each persona's `source.path` is relative to the project root,
 * not to the working folder, so generated markers are the same wherever `persona` is run from.
 */
export async function loadProjectPersonas(settings: Settings): Promise<ProjectPersonas> {
  const loader = new PersonaLoader(settings);
  // Composition brings the parser's helpers; imported here so the loader alone does not.
  const { ProjectComposition } = await import("./compose.js");
  const composition = new ProjectComposition(settings, loader.index);
  const personas: Persona[] = [];
  const diagnostics: Diagnostic[] = [];
  for await (const file of loader.each()) {
    diagnostics.push(...file.result.diagnostics);
    for (const [i, persona] of file.result.personas.entries()) {
      personas.push(persona);
      if (file.firsts[i]) composition.remember(persona, file.result.diagnostics);
    }
  }
  diagnostics.push(...loader.index.collisions());
  const unique: Persona[] = [];
  for (const persona of personas.filter((p) => loader.index.isUnique(p.id))) {
    const made = composition.compose(persona);
    diagnostics.push(...made.diagnostics);
    if (made.persona) unique.push(made.persona);
  }
  unique.sort((a, b) => compareStrings(a.id, b.id));
  return {
    personas: unique,
    diagnostics: sortDiagnostics(diagnostics.map((d) => displayDiagnostic(settings, d))),
    files: loader.files.map((f) => settings.display(f)),
  };
}

/** A persona's source file as the user should see it. */
export function sourceDisplay(settings: Settings, persona: Persona): string {
  return settings.display(resolve(settings.root, persona.source.path));
}
