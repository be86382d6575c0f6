import { checkCollisions, type Diagnostic, type Persona } from "@personas/core";

/** What a build remembers of a persona once it has been compiled and let go. */
interface Seen {
  id: string;
  source: { path: string };
}

/**
 * The persona ids a streaming build has seen. Ids are compared case-insensitively (after Unicode
 * normalisation), as `checkCollisions` does: personas whose ids collide would overwrite each
 * other's files on macOS and Windows. The first persona of an id is compiled as it arrives; when a
 * second one turns up, every persona of that id is reported and their compile diagnostics are
 * dropped, so the result is the one `checkCollisions` gives for the whole folder at once.
 */
export class PersonaIds {
  readonly #byKey = new Map<string, Seen[]>();
  readonly #reported = new Map<string, Diagnostic[]>();

  static #key(id: string): string {
    return id.normalize("NFC").toLowerCase();
  }

  /** Records a persona; true when it is the first of its id and should be compiled. */
  add(persona: Persona): boolean {
    const key = PersonaIds.#key(persona.id);
    const seen: Seen = { id: persona.id, source: { path: persona.source.path } };
    const group = this.#byKey.get(key);
    if (group) {
      group.push(seen);
      return false;
    }
    this.#byKey.set(key, [seen]);
    return true;
  }

  /** Keeps a compiled persona's diagnostics until it is known whether its id collides. */
  report(persona: Persona, diagnostics: readonly Diagnostic[]): void {
    if (diagnostics.length === 0) return;
    const key = PersonaIds.#key(persona.id);
    this.#reported.set(key, [...(this.#reported.get(key) ?? []), ...diagnostics]);
  }

  /** The source path of the persona compiled for an id. */
  source(id: string): string | undefined {
    return this.#byKey.get(PersonaIds.#key(id))?.[0]?.source.path;
  }

  /** Diagnostics for every persona whose id another persona also uses (paths as recorded). */
  collisions(): Diagnostic[] {
    return checkCollisions([...this.#byKey.values()].filter((g) => g.length > 1).flat()).collisions;
  }

  /** Compile diagnostics of the personas whose ids are their own. */
  compileDiagnostics(): Diagnostic[] {
    return [...this.#reported].flatMap(([key, found]) => ((this.#byKey.get(key)?.length ?? 0) > 1 ? [] : found));
  }

  /** Ids of the personas whose ids are their own, sorted. */
  sorted(): string[] {
    return [...this.#byKey.values()].flatMap((g) => (g.length === 1 ? [(g[0] as Seen).id] : [])).sort();
  }
}
