import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type FileParseResult, RULES } from "@personas/core/outputs";
import { CODE_ID } from "../version.js";

// Bumped when the cached shape changes without a change of the parser's code (3: a file's
// personas, as a multi-persona file holds several).
const CACHE_FORMAT = 3;

/** Entries not written for this long are removed (a persona unchanged that long is parsed again). */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How often a project's cache is swept for old entries and folders of other versions. */
const SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;

/** Where a project's parse cache lives, if anywhere. */
export interface CacheLocation {
  /** The project root: its `node_modules/.cache/persona`, or its own folder in the user cache. */
  root: string;
  /** A folder given by the config's `cacheDir` (absolute). */
  cacheDir?: string | undefined;
}

/**
 * The folder of a project's parse cache: `PERSONA_CACHE_DIR`, else the config's `cacheDir`, else
 * `node_modules/.cache/persona` when the project has `node_modules`, else the user's cache folder
 * (`$XDG_CACHE_HOME/persona`, else `~/.cache/persona`) in a folder of the project's own (a hash
 * of its path), so repositories without `node_modules` (Python, Go, Rust projects running
 * `npx @personas/cli`) and workspace packages whose dependencies are hoisted are cached too.
 */
export function cacheFolder(location: CacheLocation, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PERSONA_CACHE === "0") return undefined;
  if (env.PERSONA_CACHE_DIR) return resolve(env.PERSONA_CACHE_DIR);
  if (location.cacheDir !== undefined) return location.cacheDir;
  const modules = join(location.root, "node_modules");
  if (existsSync(modules)) return join(modules, ".cache", "persona");
  const home = env.HOME ?? env.USERPROFILE;
  const base = env.XDG_CACHE_HOME || (home ? join(home, ".cache") : undefined);
  if (base === undefined) return undefined;
  const project = createHash("sha256").update(resolve(location.root)).digest("hex").slice(0, 16);
  return join(base, "persona", project);
}

/**
 * A content-addressed cache of parse results, so a rebuild parses only files whose bytes changed.
 * The key is the SHA-256 of the file's path and text; the folder is named after the parser's code
 * (`CODE_ID`), so a result is never trusted across versions, nor across development builds.
 * Results do not depend on templates (those only affect compile). Safe to delete at any time;
 * entries are written atomically, so concurrent builds cannot tear one. Once a day, entries not
 * written for 30 days and folders of other versions are removed, so it does not grow without
 * bound.
 */
export class ParseCache {
  readonly #dir: string;
  readonly #folders = new Map<string, Promise<unknown>>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** The cache of a project, or undefined when caching is off (`PERSONA_CACHE=0`, or nowhere to put it). */
  static open(location: CacheLocation, env: NodeJS.ProcessEnv = process.env, now = Date.now()): ParseCache | undefined {
    const folder = cacheFolder(location, env);
    if (folder === undefined) return undefined;
    const cache = new ParseCache(join(folder, `parse-${CODE_ID}-${CACHE_FORMAT}`));
    sweep(folder, cache.#dir, now);
    return cache;
  }

  /**
   * The key of a file: its path (diagnostics and markers name it), its text, and the config's
   * `vars` when there are any (they are filled in before the parse, so they change the result).
   */
  static key(path: string, text: string, vars?: Readonly<Record<string, string>>): string {
    const hash = createHash("sha256").update(path).update("\0").update(text);
    if (vars !== undefined) hash.update("\0vars\0").update(JSON.stringify(Object.entries(vars).sort()));
    return hash.digest("hex");
  }

  #file(key: string): string {
    return join(this.#dir, key.slice(0, 2), `${key}.json`);
  }

  /** True when an entry exists for the key (it is loaded later, one at a time, by `get`). */
  has(key: string): boolean {
    return existsSync(this.#file(key));
  }

  /** A cached result, or undefined on a miss or an unreadable entry (read synchronously: see parse-files). */
  get(key: string): FileParseResult | undefined {
    try {
      return JSON.parse(readFileSync(this.#file(key), "utf8")) as FileParseResult;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a result (`json`: the result already serialised, as workers send it); failures are
   * ignored (a cache is an optimisation, never a requirement). Only the JSON is kept while the
   * write is under way, not the result, which the build lets go of as soon as it is compiled.
   */
  set(key: string, result: FileParseResult, json?: string): Promise<void> {
    // A parse that ran out of time or memory depends on the machine, not on the file.
    if (result.diagnostics.some((d) => d.rule === RULES.fileTooComplex)) return Promise.resolve();
    return this.#write(key, json ?? JSON.stringify(result));
  }

  async #write(key: string, json: string): Promise<void> {
    const file = this.#file(key);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await this.#folder(key.slice(0, 2));
      await writeFile(temp, json);
      await rename(temp, file);
    } catch {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Makes one of the 256 shard folders, once per process however many entries go into it. */
  #folder(shard: string): Promise<unknown> {
    let made = this.#folders.get(shard);
    if (made === undefined) {
      made = mkdir(join(this.#dir, shard), { recursive: true });
      this.#folders.set(shard, made);
    }
    return made;
  }
}

/**
 * Removes, at most once a day, the folders of other versions and the entries of this one not
 * written for 30 days. Best effort: a cache that cannot be swept still works.
 */
export function sweep(folder: string, current: string, now: number): void {
  const stamp = join(folder, ".swept");
  try {
    if (now - statSync(stamp).mtimeMs < SWEEP_EVERY_MS) return;
  } catch {
    // Never swept: sweep now.
  }
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(stamp, "");
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name.startsWith("parse-") && path !== current) rmSync(path, { recursive: true, force: true });
    }
    for (const shard of existsSync(current) ? readdirSync(current) : []) {
      for (const entry of readdirSync(join(current, shard))) {
        const path = join(current, shard, entry);
        if (now - statSync(path).mtimeMs > MAX_AGE_MS) rmSync(path, { force: true });
      }
    }
  } catch {
    // A read-only or vanished cache folder is not the build's problem.
  }
}
