import { isAbsolute, relative, resolve, sep } from "node:path";
import {
  DEFAULT_MAX_BYTES,
  isTargetId,
  type Scope,
  type TargetId,
  targetIds,
  userScopeTargets,
} from "@personas/core/outputs";
import { closest } from "@personas/core/suggest";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { CODE_ID, VERSION } from "../version.js";

/** Everything a command needs to know about the project, after config and flags are merged. */
export interface Settings {
  /** The working folder; displayed paths are relative to it. */
  cwd: string;
  /** The project root: the config file's folder, else `cwd`. Marker source paths are relative to it. */
  root: string;
  /** Absolute path of the config file in use, if any. */
  configPath?: string;
  personasDir: string;
  outDir: string;
  targets: TargetId[];
  /** The root each target writes under: `outDir`, or the configured per-target folder inside it. */
  targetRoots: ReadonlyMap<TargetId, string>;
  templatesDir?: string;
  /** `user`: the build writes the outputs tools read from the home folder, into `HOME`. */
  scope: Scope;
  /** The config's `cacheDir` (absolute): where parse results are cached. */
  cacheDir?: string;
  /** Persona files larger than this are refused after `stat`, before they are read. */
  maxFileBytes: number;
  /** The config's `idPrefix`: put before every persona id once loaded (`sc-backend`). */
  idPrefix?: string;
  /** The config's `mcpServers`: persona MCP server names → configured server names. */
  mcpServers?: Readonly<Record<string, string>>;
  /** The config's `vars`: install-time variables filled into personas and fragments. */
  vars?: Readonly<Record<string, string>>;
  /**
   * What outputs depend on besides sources and templates, in every build key: the code that makes
   * them and the config values that change them (every key but where things are).
   */
  buildSalt: string;
  /** A path as the user should see it: relative to `cwd`, with `/` separators. */
  display(absolute: string): string;
}

/** The command-line values that override the config (DESIGN.md §5: flags win). */
export interface SettingsFlags {
  personas?: string | undefined;
  out?: string | undefined;
  config?: string | undefined;
  /** `--target` values, already split on commas; empty means "not given". */
  targets?: readonly string[];
  /** `--scope`, unparsed. */
  scope?: string | undefined;
  /** `--max-file-bytes`, unparsed. */
  maxFileBytes?: string | undefined;
  /** The command name, for error messages. */
  command: string;
}

/** Shows an absolute path relative to `cwd` with POSIX separators, as every message does. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === "") return ".";
  return (isAbsolute(rel) ? rel : rel.split(sep).join("/")) || ".";
}

/** Validates `--target` values against the registry; the error lists the valid names. */
export function parseTargets(values: readonly string[], command: string): TargetId[] {
  const out: TargetId[] = [];
  for (const value of values) {
    if (!isTargetId(value)) {
      const guess = closest(value, targetIds);
      throw new UsageError(
        `persona ${command}: unknown target ${JSON.stringify(value)}${guess ? ` (did you mean ${guess}?)` : ""}; valid targets: ${targetIds.join(", ")}`,
        "Run `persona targets` to see what each target writes.",
      );
    }
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

/** Reads `--scope`: `project` (the default) or `user`. */
export function parseScope(value: string | undefined, command: string): Scope {
  if (value === undefined || value === "project" || value === "user") return value ?? "project";
  throw new UsageError(`persona ${command}: --scope takes project or user, not ${JSON.stringify(value)}`);
}

/** Reads `--max-file-bytes`: a positive whole number of bytes. */
export function parseByteLimit(value: string, command: string): number {
  const n = /^[1-9]\d*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(
      `persona ${command}: --max-file-bytes needs a positive whole number of bytes, not ${JSON.stringify(value)}`,
      `The default is ${DEFAULT_MAX_BYTES} (1 MiB).`,
    );
  }
  return n;
}

/** Merges the config (found or given with `--config`) with command-line flags into `Settings`. */
export async function resolveSettings(io: Io, flags: SettingsFlags): Promise<Settings> {
  const cwd = resolve(io.cwd);
  let display = (absolute: string) => displayPath(cwd, absolute);
  const loaded: LoadedConfig = await loadConfig(cwd, flags.config, display);
  const { config, dir } = loaded;
  const scope = parseScope(flags.scope, flags.command);
  const fromFlags = flags.targets && flags.targets.length > 0 ? parseTargets(flags.targets, flags.command) : undefined;
  let targets = fromFlags ?? (config.targets ? [...new Set(config.targets)] : [...targetIds]);
  let outDir = flags.out !== undefined ? resolve(cwd, flags.out) : resolve(dir, config.out ?? ".");
  const targetRoots = new Map<TargetId, string>();
  for (const id of targetIds) targetRoots.set(id, resolve(outDir, config.outputs?.[id] ?? "."));
  if (scope === "user") {
    // The home folder is the output root of every target (DESIGN.md §9): HOME decides, as tools do.
    const home = io.env.HOME ?? io.env.USERPROFILE;
    if (home === undefined || home === "") {
      throw new UsageError(`persona ${flags.command}: --scope user needs HOME to name your home folder`);
    }
    outDir = resolve(home);
    for (const id of targetIds) targetRoots.set(id, outDir);
    // Home-folder files are shown as the tools' docs name them: `~/.claude/agents/backend.md`.
    const root = outDir;
    display = (absolute: string) => {
      const rel = relative(root, absolute);
      return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)
        ? `~/${rel.split(sep).join("/")}`
        : displayPath(cwd, absolute);
    };
    const homeTargets = userScopeTargets();
    const without = fromFlags?.filter((id) => !homeTargets.includes(id)) ?? [];
    if (without.length > 0) {
      throw new UsageError(
        `persona ${flags.command}: ${without.join(", ")} has no output in the user scope; targets with one: ${homeTargets.join(", ")}`,
        "Run `persona targets` to see each target's user paths.",
      );
    }
    targets = targets.filter((id) => homeTargets.includes(id));
  }
  const settings: Settings = {
    cwd,
    root: dir,
    personasDir:
      flags.personas !== undefined ? resolve(cwd, flags.personas) : resolve(dir, config.personas ?? "personas"),
    outDir,
    // Registry order, whatever order the user typed, so output and reports are stable.
    targets: targetIds.filter((id) => targets.includes(id)),
    targetRoots,
    maxFileBytes:
      flags.maxFileBytes !== undefined
        ? parseByteLimit(flags.maxFileBytes, flags.command)
        : (config.maxFileBytes ?? DEFAULT_MAX_BYTES),
    display,
    buildSalt: buildSaltOf(config),
    scope,
  };
  if (loaded.path !== undefined) settings.configPath = loaded.path;
  if (config.templates !== undefined) settings.templatesDir = resolve(dir, config.templates);
  if (config.cacheDir !== undefined) settings.cacheDir = resolve(dir, config.cacheDir);
  if (config.vars !== undefined) settings.vars = config.vars;
  if (config.idPrefix !== undefined) settings.idPrefix = config.idPrefix;
  if (config.mcpServers !== undefined) settings.mcpServers = config.mcpServers;
  return settings;
}

// Config keys that say where things are or what to build, not what an output holds: a change of
// them never changes a file's bytes. Every other key (today or added later) is in the build key.
const PLACE_KEYS = new Set([
  "$schema",
  "personas",
  "out",
  "targets",
  "outputs",
  "templates",
  "maxFileBytes",
  "cacheDir",
]);

/** The build salt of a config: the code's fingerprint and the values that change outputs. */
function buildSaltOf(config: Record<string, unknown>): string {
  const values = Object.keys(config)
    .filter((key) => !PLACE_KEYS.has(key))
    .sort()
    .map((key) => [key, config[key]]);
  return `${VERSION}+${CODE_ID}+${JSON.stringify(values)}`;
}
