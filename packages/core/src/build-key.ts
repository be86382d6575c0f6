import { createHash } from "node:crypto";
import { compareStrings } from "./diagnostics/diagnostic.js";
import { HASH_LENGTH } from "./formats/marker.js";
import type { Persona } from "./model/persona.js";
import type { TemplateSet } from "./render/renderer.js";
import { listingTargets, type TargetId, targetIds } from "./targets/declarations.js";
import { type TemplateOptions, templateSetFor } from "./targets/template-set.js";

/**
 * Build keys: what a generated file was made from, in 16 hex digits in its marker. A persona's
 * files carry the key of its source files' bytes, the templates and the `salt` (the tool's version
 * and the configuration that changes outputs); a file that lists every persona carries a key over
 * theirs. When the key a file carries is the key its sources give today, and its content hash
 * matches, the file is current: no parse and no compile is needed to know it (issue: a no-op build
 * and `--check` read sources and outputs, nothing else). Anything that changes a key — a version,
 * a template, a config value, a byte of a source — makes every file it touches be rebuilt.
 */

/** Bumped when what goes into a key changes, so keys of an older scheme are never trusted. */
const SCHEME = "persona-build-key/1";

/** A source file as the key sees it: its path as markers name it, and the SHA-256 of its bytes. */
export interface KeySource {
  path: string;
  sha256: string;
}

function digest(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, HASH_LENGTH);
}

/** A fingerprint of a template set: every template's name and source, in name order. */
export function templatesFingerprint(templates: TemplateSet): string {
  const names = Object.keys(templates).sort(compareStrings);
  return digest(names.flatMap((name) => [name, templates[name] ?? ""]));
}

/** The key of a persona's own files: its sources (the persona file first), templates and salt. */
export function buildKey(salt: string, templates: string, sources: readonly KeySource[]): string {
  return digest([SCHEME, salt, templates, ...sources.flatMap((s) => [s.path, s.sha256])]);
}

/**
 * The key of a file that lists every persona (Copilot's block, prompts.json, AGENTS.md): over the
 * keys of all the personas compiled, by source path, so any persona's change changes it.
 */
export function sharedKey(
  salt: string,
  templates: string,
  output: string,
  personas: readonly { path: string; build: string }[],
): string {
  const sorted = [...personas].sort((a, b) => compareStrings(a.path, b.path));
  return digest([SCHEME, salt, templates, output, ...sorted.flatMap((p) => [p.path, p.build])]);
}

/**
 * The key of a persona's entry in a file that says where the other tools' files are (AGENTS.md):
 * the entry lists the files of the targets built, which a persona's build key leaves out (the
 * targets selected are where things are, not what a persona's own files hold).
 */
export function listingKey(build: string, selected: readonly string[]): string {
  return digest([SCHEME, "listing", build, ...selected]);
}

/** A persona's file counts by target, as markers carry them: `claude=1,cursor=2` (zeros left out). */
export function filesField(counts: ReadonlyMap<string, number>): string {
  return [...counts].flatMap(([target, n]) => (n > 0 ? [`${target}=${n}`] : [])).join(",");
}

/** Reads a `files` field back: the count of each target named (a target not named wrote none). */
export function readFilesField(field: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of field === "" ? [] : field.split(",")) {
    const [target, n] = entry.split("=");
    if (target !== undefined && n !== undefined) counts.set(target, Number(n));
  }
  return counts;
}

/**
 * The source files a persona is made from, as its build key and markers cover them: the persona
 * file first, then the personas it extends and the fragments it includes.
 */
export function sourcesOf(persona: Persona): KeySource[] {
  return [{ path: persona.source.path, sha256: persona.source.sha256 }, ...(persona.source.dependencies ?? [])];
}

/** What a build's keys are made from: as `CompileOptions` gives them. */
export interface BuildKeyOptions extends TemplateOptions {
  /** Targets built; default every registered target. */
  targets?: readonly TargetId[];
  /** What else outputs depend on (the CLI: version, code and config values). Default "". */
  buildSalt?: string;
}

/**
 * The build keys of one build, over the personas recorded so far. A compiler keeps one; a caller
 * that decides which outputs are current before anything is compiled (a no-op build) makes its
 * own from the same options and hands it to `createCompiler`, so both agree by construction and
 * reading the templates' text is all it costs — no Handlebars, no targets' compile code.
 */
export interface BuildKeys {
  /** The fingerprint of the templates in use (`templatesFingerprint`). */
  readonly templates: string;
  /** The build key of a persona made from these source files. */
  keyOf(sources: readonly KeySource[]): string;
  /**
   * The key a persona's part of a target's shared files carries: its build key, except in a file
   * that lists the other targets' files (AGENTS.md), whose entries depend on the targets built.
   */
  partKeyOf(target: TargetId, build: string): string;
  /** The key of the shared file `output` (its name among the target's outputs) over every persona recorded. */
  sharedKeyOf(target: TargetId, output: string): string;
  /** Counts a persona (compiled, or kept because its files are current) in every shared key. */
  record(path: string, build: string): void;
}

/** Build keys for these options (see `BuildKeys`). */
export function createBuildKeys(options: BuildKeyOptions = {}): BuildKeys {
  const templates = templatesFingerprint(templateSetFor(options));
  const salt = options.buildSalt ?? "";
  const selected = targetIds.filter((id) => !options.targets || options.targets.includes(id));
  const personas: { path: string; build: string }[] = [];
  const partKeyOf = (target: TargetId, build: string) =>
    listingTargets.has(target) ? listingKey(build, selected) : build;
  return {
    templates,
    keyOf: (sources) => buildKey(salt, templates, sources),
    partKeyOf,
    sharedKeyOf: (target, output) =>
      sharedKey(
        salt,
        templates,
        `${target}/${output}`,
        personas.map((p) => ({ path: p.path, build: partKeyOf(target, p.build) })),
      ),
    record(path, build) {
      personas.push({ path, build });
    },
  };
}
