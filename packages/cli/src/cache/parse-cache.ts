import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ParseResult, RULES } from "@personas/core";
import { VERSION } from "../version.js";

// Bumped when the cached shape changes without a version bump (development builds).
const CACHE_FORMAT = 1;

/**
 * A content-addressed cache of parse results under `node_modules/.cache/persona/`, so a rebuild
 * parses only files whose bytes changed. The key is the SHA-256 of the file's path and text; the
 * folder is named after the tool version, so a result is never trusted across versions. Results
 * do not depend on templates (those only affect compile, which always runs). Safe to delete at
 * any time; entries are written atomically, so concurrent builds cannot tear one.
 */
export class ParseCache {
  readonly #dir: string;
  readonly #folders = new Map<string, Promise<unknown>>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * The cache of a project, or undefined when caching is off: no `node_modules` folder at the
   * project root (persona does not create one), or `PERSONA_CACHE=0`.
   */
  static open(root: string, env: NodeJS.ProcessEnv = process.env): ParseCache | undefined {
    if (env.PERSONA_CACHE === "0") return undefined;
    const modules = join(root, "node_modules");
    if (!existsSync(modules)) return undefined;
    return new ParseCache(join(modules, ".cache", "persona", `parse-${VERSION}-${CACHE_FORMAT}`));
  }

  /** The key of a file: its path (diagnostics and markers name it) and its text. */
  static key(path: string, text: string): string {
    return createHash("sha256").update(path).update("\0").update(text).digest("hex");
  }

  #file(key: string): string {
    return join(this.#dir, key.slice(0, 2), `${key}.json`);
  }

  /** True when an entry exists for the key (it is loaded later, one at a time, by `get`). */
  has(key: string): boolean {
    return existsSync(this.#file(key));
  }

  /** A cached result, or undefined on a miss or an unreadable entry (read synchronously: see parse-files). */
  get(key: string): ParseResult | undefined {
    try {
      return JSON.parse(readFileSync(this.#file(key), "utf8")) as ParseResult;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a result (`json`: the result already serialised, as workers send it); failures are
   * ignored (a cache is an optimisation, never a requirement). Only the JSON is kept while the
   * write is under way, not the result, which the build lets go of as soon as it is compiled.
   */
  set(key: string, result: ParseResult, json?: string): Promise<void> {
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
