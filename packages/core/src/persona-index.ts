import { compareStrings, type Diagnostic, diagnostic } from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";
import type { Source } from "./model/persona.js";

/** What the index keeps of a persona: its id and where it came from. */
export interface IndexedPersona {
  id: string;
  source: Pick<Source, "path" | "positions">;
}

/**
 * The key under which persona ids collide: Unicode NFC, then lower case. Ids that differ only in
 * case name the same file on macOS and Windows, so they are the same persona as far as outputs
 * go. The one collision key every loader and the MCP server use.
 */
export function collisionKey(id: string): string {
  return id.normalize("NFC").toLowerCase();
}

/**
 * The personas seen so far, by collision key: the one place ids are checked for collisions. A
 * loader adds personas as they are parsed (in any order); the first of an id may be compiled at
 * once, and when another turns up, every persona of that id is reported, each at its own `name:`
 * line (or the top of its file), naming all their files.
 */
export class PersonaIndex {
  readonly #byKey = new Map<string, IndexedPersona[]>();

  /** Records a persona; true when it is the first of its id. */
  add(persona: IndexedPersona): boolean {
    const key = collisionKey(persona.id);
    // Only what `collisions` reports from: a persona's other positions would be kept for nothing.
    const name = persona.source.positions?.["name"];
    const source =
      name === undefined ? { path: persona.source.path } : { path: persona.source.path, positions: { name } };
    const seen: IndexedPersona = { id: persona.id, source };
    const group = this.#byKey.get(key);
    if (group) {
      group.push(seen);
      return false;
    }
    this.#byKey.set(key, [seen]);
    return true;
  }

  /** True when exactly one persona has this id. */
  isUnique(id: string): boolean {
    return this.#byKey.get(collisionKey(id))?.length === 1;
  }

  /** The source path of the first persona recorded for an id. */
  source(id: string): string | undefined {
    return this.#byKey.get(collisionKey(id))?.[0]?.source.path;
  }

  /** Ids whose personas are alone with them, sorted in code-unit order. */
  unique(): string[] {
    return [...this.#byKey.values()].flatMap((g) => (g.length === 1 ? [(g[0] as IndexedPersona).id] : [])).sort();
  }

  /** One error per persona whose id another persona also has. */
  collisions(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const group of this.#byKey.values()) {
      if (group.length === 1) continue;
      const paths = group.map((p) => p.source.path).sort(compareStrings);
      for (const p of group) {
        const at = p.source.positions?.["name"]?.value ?? { line: 1, column: 1 };
        out.push(diagnostic("error", RULES.idCollision, MESSAGES.idCollision(p.id, paths), p.source.path, at));
      }
    }
    return out;
  }
}

/**
 * Finds personas whose ids collide case-insensitively (and after Unicode normalisation): their
 * outputs would overwrite each other on macOS and Windows. Every colliding persona is dropped;
 * the rest come back sorted by id.
 */
export function checkCollisions<P extends IndexedPersona>(
  personas: readonly P[],
): { unique: P[]; collisions: Diagnostic[] } {
  const index = new PersonaIndex();
  for (const p of personas) index.add(p);
  const unique = personas.filter((p) => index.isUnique(p.id)).sort((a, b) => compareStrings(a.id, b.id));
  return { unique, collisions: index.collisions() };
}
