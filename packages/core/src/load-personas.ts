import { resolve } from "node:path";
import { type CompositionHost, composePersona } from "./compose/compose.js";
import { type Diagnostic, dedupeDiagnostics, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { Persona } from "./model/persona.js";
import type { ParseResult } from "./parse-persona.js";
import { type FileParseResult, parsePersonas } from "./parse-personas.js";
import { findPersonaFiles, mapPool, readFragmentSync, readPersonaFile } from "./persona-files.js";
import { checkCollisions } from "./persona-index.js";

/** Options of `loadPersonas`. */
export interface LoadOptions {
  /**
   * The folder fragments must stay inside (`include:`); default: the personas folder itself.
   * Fragments are read relative to the file that includes them.
   */
  root?: string;
  /**
   * Install-time variables (the config's `vars`): each `{{name}}` in a persona or fragment is
   * filled in, and one without a value is an error. Without them, braces are left as written.
   */
  vars?: Readonly<Record<string, string>>;
  /** Files larger than this are refused before they are read. Default 1 MiB. */
  maxBytes?: number;
  /** How many files are read at once; bounded so thousands of files never exhaust descriptors. */
  concurrency?: number;
}

/** What `loadPersonas` returns: valid personas sorted by id, and every diagnostic. */
export interface LoadResult {
  personas: Persona[];
  diagnostics: Diagnostic[];
  /** Every persona file found, as displayed paths, sorted. */
  files: string[];
}

/**
 * Loads every persona file of a folder. Files are read with bounded concurrency, each failure is a
 * diagnostic and the other files are still processed; two personas whose ids collide (also when
 * they differ only in case) are an error naming both files.
 *
 * @example
 * const { personas, diagnostics } = await loadPersonas("personas");
 */
export async function loadPersonas(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const files = await findPersonaFiles(dir);
  const results = await mapPool(files, options.concurrency ?? 16, async (path) => {
    const read = await readPersonaFile(path, dir, options.maxBytes);
    if ("diagnostic" in read) return { personas: [], diagnostics: [read.diagnostic] } as FileParseResult;
    // A multi-persona file (SuperClaude's PERSONAS.md) yields several personas.
    return parsePersonas(read.text, options.vars === undefined ? { path } : { path, vars: options.vars });
  });
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const parsed = results.flatMap((r) => r.personas);
  const { unique, collisions } = checkCollisions(parsed);
  diagnostics.push(...collisions);
  const invalid = new Set(results.flatMap((r) => (hasErrors(r.diagnostics) ? r.personas.map((p) => p.id) : [])));
  const byId = new Map(unique.map((p) => [p.id, p]));
  const root = resolve(options.root ?? dir);
  const host: CompositionHost = {
    persona: (id) => (invalid.has(id) ? "invalid" : byId.get(id)),
    fragment: (path) => readFragmentSync(resolve(path), root, options.maxBytes),
  };
  const cache = new Map<string, ParseResult>();
  const personas: Persona[] = [];
  for (const persona of unique) {
    const composed = composePersona(persona, host, { cache, ...(options.vars ? { vars: options.vars } : {}) });
    diagnostics.push(...composed.diagnostics);
    if (composed.persona) personas.push(composed.persona);
  }
  return { personas, diagnostics: sortDiagnostics(dedupeDiagnostics(diagnostics)), files };
}
