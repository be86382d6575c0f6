import { availableParallelism } from "node:os";
import { type FileParseResult, type ParseOptions, readPersonaFileSync } from "@personas/core/outputs";
import { ParseCache } from "../cache/parse-cache.js";
import { ParsePool, workerScript } from "../parse-pool/pool.js";

/** How `parseFiles` reads and parses. */
export interface ParseFilesOptions {
  /** The project root: where the parse cache lives (see `cacheFolder`). */
  root: string;
  /** The config's `cacheDir`, absolute. */
  cacheDir?: string | undefined;
  /** The path a file is named by in diagnostics and markers. */
  sourcePath(absolute: string): string;
  maxBytes?: number;
  /**
   * Cores left to the calling thread, which has its own work while the workers parse (a build
   * compiles and writes each persona as it arrives). Default 0.
   */
  spareCores?: number;
  /**
   * Says, from a file's source path and text, that it need not be parsed (a build whose outputs
   * for it are current). Such a file is yielded with `kept` and an empty result.
   */
  skip?: (sourcePath: string, text: string) => boolean;
  /** The config's `vars`, filled into each file before it is parsed. */
  vars?: Readonly<Record<string, string>> | undefined;
}

/** A file to parse, with the folder a symlink to it must stay inside. */
export interface ParseEntry {
  path: string;
  root: string;
}

/** One parsed file: its position in the input and its result (empty for a file `skip` kept). */
export interface Parsed {
  index: number;
  result: FileParseResult;
  /** True when `skip` said the file's outputs are current, so it was not parsed. */
  kept?: boolean;
}

/** Cache misses above which parsing moves to worker threads; below, start-up would cost more. */
const POOL_THRESHOLD = 24;
/** Files larger than this always parse in a worker, under its time budget. */
const LARGE_FILE = 64 * 1024;

/**
 * Workers at most. The calling thread takes each result in turn (a build spends about a third of
 * a parse compiling and writing it), so more workers than this would mostly wait for it, and each
 * costs tens of megabytes.
 */
const MAX_WORKERS = 4;

/**
 * Workers for a number of files to parse: one per core not spared, one per 8 files, at most 4;
 * or `PERSONA_WORKERS` when it is a positive integer (a machine whose core count misleads, a
 * memory cap, a test that wants results back in any order), but never more than the files.
 */
export function poolSize(files: number, spareCores: number, env: NodeJS.ProcessEnv = process.env): number {
  const chosen = Number(env.PERSONA_WORKERS);
  if (Number.isInteger(chosen) && chosen > 0) return Math.min(chosen, Math.max(1, files));
  return Math.max(1, Math.min(availableParallelism() - spareCores, Math.ceil(files / 8), MAX_WORKERS));
}

/** What `parsePersona` is given for a file: its path and, when the config has them, the vars. */
export function parseOptions(path: string, vars: Readonly<Record<string, string>> | undefined): ParseOptions {
  return vars === undefined ? { path } : { path, vars };
}

interface Pending {
  index: number;
  text: string;
  path: string;
  key: string;
}

/**
 * Reads and parses persona files, yielding each result as soon as it is ready, in no particular
 * order, so a build can compile and write one persona while others are still being parsed and
 * never needs all of them at once. Every file is read and hashed first; misses go to worker
 * threads across the cores (when there are many, or a file is large) and start parsing at once,
 * while cache hits are loaded and yielded one by one; then worker results follow as they finish.
 */
export async function* parseEach(entries: readonly ParseEntry[], options: ParseFilesOptions): AsyncGenerator<Parsed> {
  const cache = ParseCache.open({ root: options.root, cacheDir: options.cacheDir });
  // Imported at the first file parsed on this thread, never when every file is kept or cached.
  let parser: typeof import("./parser.js") | undefined;
  const parsePersonas = async (text: string, parse: ParseOptions): Promise<FileParseResult> => {
    parser ??= await import("./parser.js");
    return parser.parsePersonas(text, parse);
  };
  const ready: Parsed[] = [];
  const hits: { index: number; key: string }[] = [];
  const pending: Pending[] = [];
  // Synchronous reads: thousands of small files read faster without promise round trips.
  for (const [index, entry] of entries.entries()) {
    const read = readPersonaFileSync(entry.path, entry.root, options.maxBytes);
    if ("diagnostic" in read) {
      ready.push({ index, result: { personas: [], diagnostics: [read.diagnostic] } });
      continue;
    }
    const path = options.sourcePath(entry.path);
    if (options.skip?.(path, read.text)) {
      ready.push({ index, result: { personas: [], diagnostics: [] }, kept: true });
      continue;
    }
    const key = ParseCache.key(path, read.text, options.vars);
    if (cache?.has(key)) hits.push({ index, key });
    else pending.push({ index, text: read.text, path, key });
  }

  const script = workerScript();
  const usePool =
    script !== undefined && (pending.length >= POOL_THRESHOLD || pending.some((p) => p.text.length > LARGE_FILE));
  const pool = usePool ? new ParsePool(script, poolSize(pending.length, options.spareCores ?? 0)) : undefined;
  // Worker results land here as they finish; `wake` resumes the loop below when it is waiting.
  const finished: Parsed[] = [];
  let wake: (() => void) | undefined;
  const writes: Promise<void>[] = [];
  if (pool) {
    for (const p of pending) {
      // Handed over: the pool lets go of the text once a worker has it, and so does this list.
      const text = p.text;
      p.text = "";
      void pool.parse(text, p.path, options.vars).then(({ result, json }) => {
        if (cache) writes.push(cache.set(p.key, result, json));
        finished.push({ index: p.index, result });
        wake?.();
      });
    }
  }
  try {
    yield* ready;
    for (const hit of hits) {
      const result = cache?.get(hit.key);
      if (result) {
        yield { index: hit.index, result };
        continue;
      }
      // Deleted or unreadable since `has`: parse it here.
      const entry = entries[hit.index] as ParseEntry;
      const read = readPersonaFileSync(entry.path, entry.root, options.maxBytes);
      yield {
        index: hit.index,
        result:
          "diagnostic" in read
            ? { personas: [], diagnostics: [read.diagnostic] }
            : await parsePersonas(read.text, parseOptions(options.sourcePath(entry.path), options.vars)),
      };
    }
    if (!pool) {
      for (const p of pending) {
        const result = await parsePersonas(p.text, parseOptions(p.path, options.vars));
        if (cache) writes.push(cache.set(p.key, result));
        yield { index: p.index, result };
      }
    } else {
      // `parse` never rejects: every pending file comes back once.
      for (let taken = 0; taken < pending.length; taken++) {
        if (finished.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        yield finished.shift() as Parsed;
      }
    }
  } finally {
    await pool?.close();
    await Promise.all(writes);
  }
}
