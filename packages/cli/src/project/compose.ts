import { resolve } from "node:path";
import {
  type CompositionHost,
  composePersona,
  type Diagnostic,
  dedupeDiagnostics,
  hasErrors,
  type ParseResult,
  type Persona,
  type PersonaIndex,
  parsePersona,
  readFragmentSync,
  readPersonaFileSync,
} from "@personas/core";
import { parseOptions } from "./parse-files.js";
import type { Settings } from "./settings.js";

/**
 * Composition for a project (DESIGN.md §8): personas with `extends:` or `include:` are made whole
 * once every persona file has been read, so any persona may extend any other. Core reads no
 * files; this host answers its questions from the project. A parent is parsed again from its
 * file when it is asked for (a build lets each persona go once compiled, and a parent whose
 * outputs are current was never parsed), at most once per build. Fragments are read only from
 * inside the project root, with a persona file's limits (size, UTF-8, no symlink out).
 */
export class ProjectComposition {
  readonly #settings: Settings;
  readonly #index: PersonaIndex;
  readonly #parents = new Map<string, Persona | "invalid" | undefined>();
  readonly #fragments = new Map<string, ParseResult>();
  // A fragment included by many personas reports its own problems once.
  readonly #reported = new Set<string>();
  readonly #host: CompositionHost;

  /** `index` holds every persona id of the project (complete once the files have been read). */
  constructor(settings: Settings, index: PersonaIndex) {
    this.#settings = settings;
    this.#index = index;
    this.#host = {
      persona: (id) => this.#parent(id),
      fragment: (path) => readFragmentSync(resolve(settings.root, path), settings.root, settings.maxFileBytes),
    };
  }

  /** Offers a persona parsed in this run, so extending it needs no second parse. */
  remember(persona: Persona, diagnostics: readonly Diagnostic[]): void {
    this.#parents.set(persona.id, hasErrors(diagnostics) ? "invalid" : persona);
  }

  /** The persona made whole, with the problems found (each problem of a fragment reported once). */
  compose(persona: Persona): { persona?: Persona; diagnostics: Diagnostic[] } {
    const vars = this.#settings.vars;
    const made = composePersona(persona, this.#host, { cache: this.#fragments, ...(vars ? { vars } : {}) });
    const own = made.diagnostics.filter((d) => d.file === persona.source.path);
    const elsewhere = dedupeDiagnostics(
      made.diagnostics.filter((d) => d.file !== persona.source.path),
      this.#reported,
    );
    return { ...(made.persona ? { persona: made.persona } : {}), diagnostics: [...own, ...elsewhere] };
  }

  #parent(id: string): Persona | "invalid" | undefined {
    if (this.#parents.has(id)) return this.#parents.get(id);
    const path = this.#index.source(id);
    let found: Persona | "invalid" | undefined;
    if (path !== undefined) {
      const settings = this.#settings;
      const read = readPersonaFileSync(resolve(settings.root, path), settings.root, settings.maxFileBytes);
      const parsed = "text" in read ? parsePersona(read.text, parseOptions(path, settings.vars)) : undefined;
      found = parsed?.persona?.id === id && !hasErrors(parsed.diagnostics) ? parsed.persona : "invalid";
    }
    this.#parents.set(id, found);
    return found;
  }
}
