import { availableParallelism } from "node:os";
import {
  checkCollisions,
  type Diagnostic,
  findPersonaFiles,
  type ParseResult,
  type Persona,
  parsePersona,
  readPersonaFileSync,
} from "@personas/core";
import { ParseCache } from "../cache/parse-cache.js";
import { ParsePool, workerScript } from "../parse-pool/pool.js";

/** How `parseFiles` reads and parses. */
export interface ParseFilesOptions {
  /** The project root: where the parse cache lives (`node_modules/.cache/persona`). */
  root: string;
  /** The path a file is named by in diagnostics and markers. */
  sourcePath(absolute: string): string;
  maxBytes?: number;
}

/** Cache misses above which parsing moves to worker threads; below, start-up would cost more. */
const POOL_THRESHOLD = 24;
/** Files larger than this always parse in a worker, under its time budget. */
const LARGE_FILE = 64 * 1024;

interface Pending {
  index: number;
  text: string;
  path: string;
  key: string;
}

/** Every persona file of a folder, parsed by `parseFiles`, collisions checked. */
export async function parseFolder(
  dir: string,
  options: ParseFilesOptions,
): Promise<{ personas: Persona[]; diagnostics: Diagnostic[]; files: string[] }> {
  const files = await findPersonaFiles(dir);
  const results = await parseFiles(
    files.map((path) => ({ path, root: dir })),
    options,
  );
  const { unique, collisions } = checkCollisions(results.flatMap((r) => (r.persona ? [r.persona] : [])));
  return { personas: unique, diagnostics: [...results.flatMap((r) => r.diagnostics), ...collisions], files };
}

/**
 * Reads and parses persona files (each with the folder a symlink must stay inside): read and hash
 * all files, answer what the cache knows, then parse the misses — in worker threads across the
 * cores when there are many or a file is large, else on this thread. Results keep the input order.
 */
export async function parseFiles(
  entries: readonly { path: string; root: string }[],
  options: ParseFilesOptions,
): Promise<ParseResult[]> {
  const files = entries.map((e) => e.path);
  const cache = ParseCache.open(options.root);
  const results: (ParseResult | undefined)[] = new Array(files.length);
  const pending: Pending[] = [];
  // Synchronous reads: thousands of small files read faster without promise round trips.
  for (const [index, file] of files.entries()) {
    const read = readPersonaFileSync(file, entries[index]?.root ?? file, options.maxBytes);
    if ("diagnostic" in read) {
      results[index] = { diagnostics: [read.diagnostic] };
      continue;
    }
    const path = options.sourcePath(file);
    const key = ParseCache.key(path, read.text);
    const hit = cache?.get(key);
    if (hit) results[index] = hit;
    else pending.push({ index, text: read.text, path, key });
  }

  const script = workerScript();
  const usePool =
    script !== undefined && (pending.length >= POOL_THRESHOLD || pending.some((p) => p.text.length > LARGE_FILE));
  const pool = usePool
    ? new ParsePool(script, Math.min(availableParallelism(), Math.ceil(pending.length / 8)))
    : undefined;
  try {
    await Promise.all(
      pending.map(async (p) => {
        const result = pool ? await pool.parse(p.text, p.path) : parsePersona(p.text, { path: p.path });
        results[p.index] = result;
        await cache?.set(p.key, result);
      }),
    );
  } finally {
    await pool?.close();
  }

  return results as ParseResult[];
}
