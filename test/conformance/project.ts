import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { parse as parseToml, stringify as stringifyToml } from "smol-toml";
import { type Document, parseDocument } from "yaml";
import { loadPersonas, type Persona } from "../../packages/core/src/index.js";
import { REPO_ROOT } from "../helpers/cli.js";

/** Points the suite at another output root of the bundled personas (a trial build, hand-made samples). */
export const OUT_VARIABLE = "PERSONA_CONFORMANCE_OUT";

/**
 * The project the suite checks: the repository's own `persona.config.json`, whose `out` folder
 * (examples/generated) holds the bundled personas compiled for every target; `$PERSONA_CONFORMANCE_OUT`
 * replaces that folder.
 */
export function projectPaths(): { personas: string; out: string } {
  const config = JSON.parse(readFileSync(join(REPO_ROOT, "persona.config.json"), "utf8")) as {
    personas?: string;
    out?: string;
  };
  const out = process.env[OUT_VARIABLE] || join(REPO_ROOT, config.out ?? ".");
  return { personas: join(REPO_ROOT, config.personas ?? "personas"), out };
}

/**
 * The seed persona (the reference input) and its golden output: every target's folder of
 * test/golden/seed merged into one output root, as `persona build` would write them together.
 * The caller removes `out`.
 */
export async function seedPaths(): Promise<{ personas: string; out: string }> {
  const golden = join(REPO_ROOT, "test", "golden", "seed");
  const out = await scratchDir("seed");
  for (const entry of await readdir(golden, { withFileTypes: true })) {
    if (entry.isDirectory()) await cp(join(golden, entry.name), out, { recursive: true });
  }
  return { personas: join(REPO_ROOT, "test", "fixtures", "compile", "seed"), out };
}

/** examples/composition: its personas (fragments in `_fragments/`) and the output committed beside them. */
export function compositionPaths(): { personas: string; out: string } {
  const example = join(REPO_ROOT, "examples", "composition");
  return { personas: join(example, "personas"), out: join(example, "generated") };
}

/** The personas of a folder (default: the bundled ones), parsed by core: every check's expectations derive from them. */
export async function loadProjectPersonas(dir: string = projectPaths().personas): Promise<Persona[]> {
  const result = await loadPersonas(dir);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`the bundled personas do not load: ${JSON.stringify(errors)}`);
  return result.personas;
}

/** A new empty folder under the system temp folder, with symlinks resolved (tools print real paths). */
export async function scratchDir(label: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), `persona-conformance-${label}-`)));
}

/**
 * A copy of an output root in a scratch folder: the loaders write into the project they open
 * (caches, ignore files), and the generated examples must stay untouched.
 */
export async function copyRoot(root: string, label: string): Promise<string> {
  const copy = await scratchDir(label);
  await cp(root, copy, { recursive: true });
  return copy;
}

/**
 * The n-th of a root's files (as listed, sorted), so breakages damage real files, never names typed
 * out; `what` says in the error which files there were too few of.
 */
export function nthOf(files: readonly string[], n: number, what: string): string {
  const file = files[n];
  if (file === undefined) throw new Error(`fewer than ${n + 1} ${what}`);
  return file;
}

/** Files under `dir` (relative to `root`, POSIX separators, sorted) whose name passes `accept`. */
export async function listFiles(root: string, dir: string, accept: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && accept(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** A file's YAML frontmatter as a document (errors kept on it), with the text that follows it. */
export function splitFrontmatter(text: string): { document: Document; body: string } | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  return { document: parseDocument(match[1] ?? ""), body: text.slice(match[0].length) };
}

/** The frontmatter as plain data, or undefined when there is none or it is not valid YAML. */
export function frontmatterData(text: string): Record<string, unknown> | undefined {
  const parts = splitFrontmatter(text);
  if (!parts || parts.document.errors.length > 0) return undefined;
  const data: unknown = parts.document.toJS();
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** Puts an unclosed quote in a file's frontmatter: the YAML error a hand-built YAML string produces. */
export async function breakFrontmatter(path: string): Promise<void> {
  const text = await readFile(path, "utf8");
  await writeFile(path, text.replace(/^---\n/, '---\nbroken: "unclosed\n'));
}

/** Rewrites one file's frontmatter in place: how the breakages damage a generated file. */
export async function editFrontmatter(path: string, edit: (document: Document) => void): Promise<void> {
  const parts = splitFrontmatter(await readFile(path, "utf8"));
  if (!parts) throw new Error(`${path} has no frontmatter to edit`);
  edit(parts.document);
  await writeFile(path, `---\n${parts.document.toString()}---\n${parts.body}`);
}

/** A TOML file's top-level table, or undefined when it is not valid TOML (expectations, not checks). */
export function tomlData(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A string field of parsed data, or undefined when it is missing or not a string. */
export function stringField(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * Rewrites one TOML file's table in place, keeping its leading comment lines (the marker): how the
 * breakages damage a generated TOML file.
 */
export async function editToml(path: string, edit: (table: Record<string, unknown>) => void): Promise<void> {
  const text = await readFile(path, "utf8");
  const table = tomlData(text);
  if (table === undefined) throw new Error(`${path} is not TOML`);
  edit(table);
  const comments = /^(?:#.*\n)*/.exec(text)?.[0] ?? "";
  await writeFile(path, `${comments}${stringifyToml(table)}\n`);
}
