import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { type Diagnostic, sortDiagnostics } from "@personas/core/outputs";
import { type Document, LineCounter, parseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import { CONFIG_FILE_NAMES } from "./names.js";
import { plainConfig } from "./plain.js";
import { positionOf } from "./positions.js";
import type { Config } from "./schema.js";

/** A configuration and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the config file; undefined when none was found and defaults apply. */
  path?: string;
  /** The folder config paths are relative to: the config file's folder, else the working folder. */
  dir: string;
  config: Config;
}

/** How to show a path to the user (relative to the working folder). */
type Display = (absolute: string) => string;

function hasPersonaKey(packageJson: string): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(packageJson, "utf8"));
    return typeof data === "object" && data !== null && Object.hasOwn(data, "persona");
  } catch {
    // A package.json we cannot read is not ours to complain about.
    return false;
  }
}

/**
 * Looks for a config from `cwd` upward, like ESLint and Prettier, and stops at the first folder that
 * has one, or at a repository root (a `.git` entry), so a config outside the project is never
 * picked up. Two config files in one folder are ambiguous: an error, not a silent choice.
 */
export function findConfig(cwd: string, display: Display): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((p) => existsSync(p));
    if (found.length > 1) {
      throw new ConfigError(
        `persona: found more than one config file: ${found.map(display).join(", ")}`,
        [],
        "Keep one of them.",
      );
    }
    if (found[0] !== undefined) return found[0];
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && hasPersonaKey(pkg)) return pkg;
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

function yamlErrors(doc: Document, file: string): Diagnostic[] {
  return doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const message = e.message.split("\n")[0] ?? e.message;
    return cliDiagnostic("error", CLI_RULES.configSyntax, message.replace(/ at line \d+, column \d+:?$/, ""), file, {
      line: pos.line,
      column: pos.col,
    });
  });
}

/** JSON is YAML, so `yaml` gives positions for both; this catches what YAML allows but JSON does not. */
function jsonError(text: string, file: string, lineCounter: LineCounter): Diagnostic | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, col } = lineCounter.linePos(offset);
    return cliDiagnostic("error", CLI_RULES.configSyntax, message.replace(/ in JSON at position.*$/, ""), file, {
      line,
      column: col,
    });
  }
}

function checkPaths(
  config: Record<string, unknown>,
  dir: string,
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  prefix: string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const inside = (root: string, value: string) => {
    const rel = relative(root, resolve(root, value));
    return !isAbsolute(value) && !rel.startsWith("..") && !isAbsolute(rel);
  };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  for (const key of ["personas", "out", "templates", "cacheDir"] as const) {
    const value = text(config[key]);
    if (value !== undefined && !inside(dir, value)) {
      const at = positionOf(doc, lineCounter, [...prefix, key]);
      out.push(cliDiagnostic("error", CLI_RULES.configPath, CLI_MESSAGES.pathOutsideProject(value, file), file, at));
    }
  }
  const outputs = config["outputs"];
  const perTarget = typeof outputs === "object" && outputs !== null ? Object.entries(outputs) : [];
  for (const [target, raw] of perTarget) {
    const value = text(raw);
    if (value !== undefined && !inside(dir, value)) {
      const at = positionOf(doc, lineCounter, [...prefix, "outputs", target]);
      out.push(cliDiagnostic("error", CLI_RULES.configPath, CLI_MESSAGES.outputOutsideRoot(value), file, at));
    }
  }
  const templatesValue = text(config["templates"]);
  if (templatesValue !== undefined && inside(dir, templatesValue)) {
    const templates = resolve(dir, templatesValue);
    if (!existsSync(templates) || !statSync(templates).isDirectory()) {
      const at = positionOf(doc, lineCounter, [...prefix, "templates"]);
      out.push(
        cliDiagnostic(
          "error",
          CLI_RULES.configMissingFolder,
          CLI_MESSAGES.missingFolder("templates", templatesValue),
          file,
          at,
        ),
      );
    }
  }
  return out;
}

/**
 * Reads and validates one config file. Every problem is a diagnostic at the line and column of
 * the offending key or value; any error throws a `ConfigError` carrying all of them (exit 2).
 */
export async function readConfigFile(path: string, display: Display): Promise<LoadedConfig> {
  const file = display(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    throw new ConfigError(`persona: cannot read config ${file}: ${code}`);
  }
  const isPackage = basename(path) === "package.json";
  const isJson = isPackage || path.endsWith(".json");
  const lineCounter = new LineCounter();
  // yaml's defaults are safe for untrusted input: no custom tags run, aliases are bounded.
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = yamlErrors(doc, file);
  const json = syntax.length === 0 && isJson ? jsonError(text.replace(/^\uFEFF/, ""), file, lineCounter) : undefined;
  if (json) syntax.push(json);
  const fail = (diagnostics: Diagnostic[]) =>
    new ConfigError(
      `persona: invalid config ${file} (${diagnostics.length} ${diagnostics.length === 1 ? "problem" : "problems"})`,
      diagnostics,
    );
  if (syntax.length > 0) throw fail(syntax);

  const prefix = isPackage ? ["persona"] : [];
  let whole: unknown;
  try {
    whole = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw fail([cliDiagnostic("error", CLI_RULES.configSyntax, message, file)]);
  }
  const data: unknown = isPackage ? (whole as Record<string, unknown> | null)?.["persona"] : (whole ?? {});
  const plain = plainConfig(data);
  const checked =
    plain !== undefined
      ? { config: plain }
      : (await import("./validate.js")).validateConfig(data, doc, lineCounter, file, prefix);
  const dir = dirname(path);
  // Path checks run on the raw data too, so one run reports every problem, not the first kind.
  const record =
    typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const problems = [
    ...("problems" in checked ? checked.problems : []),
    ...checkPaths(record, dir, doc, lineCounter, file, prefix),
  ];
  if (problems.length > 0 || !("config" in checked)) throw fail(sortDiagnostics(problems));
  return { path, dir, config: checked.config };
}

/**
 * The configuration for a command: the file given with `--config`, else the nearest one found
 * upward from `cwd`, else defaults relative to `cwd`.
 */
export async function loadConfig(cwd: string, explicit: string | undefined, display: Display): Promise<LoadedConfig> {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`persona: config file ${explicit} does not exist`);
    return readConfigFile(path, display);
  }
  const found = findConfig(cwd, display);
  return found === undefined ? { dir: resolve(cwd), config: {} } : readConfigFile(found, display);
}
