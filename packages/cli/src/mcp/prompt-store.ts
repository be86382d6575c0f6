import { createHash } from "node:crypto";
import {
  collisionKey,
  compareStrings,
  type Diagnostic,
  formatDiagnostic,
  type LoadResult,
  type McpPrompt,
  type Persona,
  type ServedPrompt,
  type ServedPrompts,
} from "@personas/core";

/** What a source loaded: personas, diagnostics and files, plus the files that were tampered with. */
export interface SourceLoad extends LoadResult {
  /**
   * Files (named as in `files`) whose current version failed a security check — hidden
   * characters, a symlink out of the folder, bytes that are not UTF-8. Their last valid version
   * is not served in their place: that is for a persona being typed, not for one tampered with.
   */
  withdrawn: readonly string[];
}

/** How the store reads personas and turns them into prompts; the same code paths as `persona build`. */
export interface PromptSource {
  /** Loads every persona of the folder with its diagnostics. */
  load(): Promise<SourceLoad>;
  /** The `mcp` target's prompts for these personas, held without their messages (`serveMcpPrompts`). */
  build(personas: readonly Persona[]): ServedPrompts;
}

/** What a reload did. */
export interface ReloadResult {
  /** True when the served prompts (definitions or messages) differ from before. */
  changed: boolean;
}

/** A digest of everything served, to tell whether a reload changed it: one over each prompt's. */
function fingerprintOf(prompts: readonly ServedPrompt[]): string {
  const hash = createHash("sha256");
  for (const prompt of prompts) hash.update(prompt.digest).update("\n");
  return hash.digest("hex");
}

/**
 * The personas and prompts `persona mcp` serves, reloaded on demand. A persona file that stops
 * being valid mid-edit (a syntax error, a wrong type) keeps serving its last valid version, so a
 * host never sees a prompt vanish while someone types; a file that now fails a security check
 * (hidden Unicode, a symlink out of the folder) is withdrawn instead, and a removed file removes
 * its prompt. Served content has always passed the same validation as `build`. Diagnostics are
 * logged once when they appear, not on every reload.
 */
export class PromptStore {
  #byName = new Map<string, ServedPrompt>();
  #prompts: ServedPrompt[] = [];
  #promptOf: (prompt: ServedPrompt) => McpPrompt = (prompt) => {
    throw new Error(`No prompts were built yet, so \`${prompt.name}\` has no messages`);
  };
  #personas: Persona[] = [];
  #lastGood = new Map<string, Persona[]>();
  #fingerprint = "";
  #logged = new Set<string>();
  #queue: Promise<ReloadResult> = Promise.resolve({ changed: false });
  readonly #source: PromptSource;
  readonly #log: (line: string) => void;
  readonly #format: (diagnostic: Diagnostic) => string;

  /** `log` receives one line per new problem; `format` prints a diagnostic (default: core's format). */
  constructor(
    source: PromptSource,
    log: (line: string) => void,
    format: (diagnostic: Diagnostic) => string = formatDiagnostic,
  ) {
    this.#source = source;
    this.#log = log;
    this.#format = format;
  }

  /** The served prompts' definitions, sorted by name (code-unit order), which is also the pagination order. */
  list(): readonly ServedPrompt[] {
    return this.#prompts;
  }

  /**
   * The prompt with this exact name, messages included (rendered now: the store holds none); a
   * `Map`, so `__proto__` or `toString` are simply unknown.
   */
  get(name: string): McpPrompt | undefined {
    const served = this.#byName.get(name);
    return served === undefined ? undefined : this.#promptOf(served);
  }

  /** The served personas, sorted by id, for routing. */
  personas(): readonly Persona[] {
    return this.#personas;
  }

  /** Reloads from disk. Calls are serialised, so overlapping file events never interleave two loads. */
  reload(): Promise<ReloadResult> {
    this.#queue = this.#queue.then(
      () => this.#reloadNow(),
      () => this.#reloadNow(),
    );
    return this.#queue;
  }

  async #reloadNow(): Promise<ReloadResult> {
    let loaded: SourceLoad;
    try {
      loaded = await this.#source.load();
    } catch (error) {
      // The folder itself is gone or unreadable: keep serving what we have until it is back.
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      this.#report([`persona mcp: cannot read the personas folder (${code}); still serving the previous prompts`]);
      return { changed: false };
    }
    const { personas, kept, withdrawn } = this.#merge(loaded);
    const built = this.#source.build(personas);
    this.#report([
      ...loaded.diagnostics.map(this.#format),
      ...kept.map((p) => `${p.source.path}: still serving the last valid version of \`${p.id}\``),
      ...withdrawn.map((p) => `${p.source.path}: \`${p.id}\` is no longer served: the file failed a security check`),
      ...built.diagnostics.map(this.#format),
    ]);
    const prompts = [...built.prompts].sort((a, b) => compareStrings(a.name, b.name));
    const fingerprint = fingerprintOf(prompts);
    const changed = fingerprint !== this.#fingerprint;
    this.#personas = personas;
    this.#prompts = prompts;
    this.#byName = new Map(prompts.map((p) => [p.name, p]));
    this.#promptOf = built.promptOf;
    this.#fingerprint = fingerprint;
    return { changed };
  }

  /**
   * Fresh personas, plus the last valid version of each file that exists but no longer loads —
   * unless the file was withdrawn for a security finding.
   */
  #merge(loaded: SourceLoad): { personas: Persona[]; kept: Persona[]; withdrawn: Persona[] } {
    const fresh = new Set(loaded.personas.map((p) => p.source.path));
    const taken = new Set(loaded.personas.map((p) => collisionKey(p.id)));
    const blocked = new Set(loaded.withdrawn);
    const kept: Persona[] = [];
    const withdrawn: Persona[] = [];
    for (const path of loaded.files) {
      // A multi-persona file held several personas: all of them are kept or withdrawn together.
      const previous = fresh.has(path) ? [] : (this.#lastGood.get(path) ?? []);
      if (previous.length > 0 && blocked.has(path)) {
        withdrawn.push(...previous);
        continue;
      }
      // A fresh persona wins over a stale one that would collide with it.
      for (const p of previous) {
        if (taken.has(collisionKey(p.id))) continue;
        kept.push(p);
        taken.add(collisionKey(p.id));
      }
    }
    const personas = [...loaded.personas, ...kept].sort((a, b) => compareStrings(a.id, b.id));
    const byPath = new Map<string, Persona[]>();
    for (const p of personas) byPath.set(p.source.path, [...(byPath.get(p.source.path) ?? []), p]);
    this.#lastGood = byPath;
    return { personas, kept, withdrawn };
  }

  /**
   * Logs lines not logged by the previous reload, so a persisting problem is reported once. The
   * lines are remembered by digest: a library of 10,000 personas with a warning each kept 8 MB of
   * log lines for as long as the server ran.
   */
  #report(lines: readonly string[]): void {
    const logged = new Set<string>();
    for (const line of lines) {
      const digest = createHash("sha256").update(line).digest("base64");
      if (!this.#logged.has(digest)) this.#log(line);
      logged.add(digest);
    }
    this.#logged = logged;
  }
}
