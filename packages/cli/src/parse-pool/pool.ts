import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { diagnostic, type FileParseResult, MESSAGES, RULES } from "@personas/core/outputs";
import type { ParseRequest, ParseResponse, WorkerReady } from "./protocol.js";

/** Limits of one parse: wall time and the worker's heap. */
export interface ParseLimits {
  /** A file that takes longer is abandoned (its worker terminated) with a diagnostic. Default 2 s. */
  timeoutMs: number;
  /** The worker's old-generation heap; a file that needs more is refused, not a process crash. */
  maxHeapMb: number;
}

/**
 * Each worker's young generation. V8's default (about 32 MB here) costs every worker that much
 * memory whatever it parses; 16 MB still holds a persona's whole parse, and measured no slower
 * (docs/performance.md).
 */
const YOUNG_GENERATION_MB = 16;

export const DEFAULT_PARSE_LIMITS: ParseLimits = { timeoutMs: 2000, maxHeapMb: 512 };

/** A parse result, with its JSON when a worker produced it (what the parse cache stores). */
export interface PooledResult {
  result: FileParseResult;
  json?: string;
}

interface Task {
  request: ParseRequest;
  resolve(outcome: PooledResult): void;
}

interface Slot {
  worker: Worker;
  /** False until the worker says its code has loaded; it takes no task before. */
  ready: boolean;
  task?: Task | undefined;
  timer?: NodeJS.Timeout | undefined;
}

/** The built worker script beside this bundle; absent when running from source (tests). */
export function workerScript(): URL | undefined {
  const url = new URL("./parse-worker.js", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * A pool of parse workers. Parsing is the CPU-heavy part of a build (micromark takes milliseconds
 * per persona), so a cold build spreads it over the cores; and because a worker can be terminated,
 * a pathological file that slips past the size limit and the nesting pre-scan costs at most the
 * time budget instead of hanging the build. One file per worker at a time, so a timeout names it.
 */
export class ParsePool {
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  readonly #script: URL;
  readonly #size: number;
  readonly #limits: ParseLimits;
  #nextId = 0;

  constructor(script: URL, size: number, limits: ParseLimits = DEFAULT_PARSE_LIMITS) {
    this.#script = script;
    this.#size = Math.max(1, size);
    this.#limits = limits;
  }

  /** Parses one file in a worker; never rejects: failures come back as diagnostics. */
  parse(text: string, path: string, vars?: Readonly<Record<string, string>>): Promise<PooledResult> {
    return new Promise((resolve) => {
      const request = { id: this.#nextId++, text, path, ...(vars === undefined ? {} : { vars }) };
      this.#queue.push({ request, resolve });
      this.#dispatch();
    });
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.ready && s.task === undefined);
      if (!slot) {
        // Start workers for the waiting files while there is room; each asks for work once loaded.
        let starting = this.#slots.filter((s) => !s.ready).length;
        while (starting < this.#queue.length && this.#slots.length < this.#size) {
          this.#spawn();
          starting++;
        }
        return;
      }
      const task = this.#queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.#fail(slot as Slot, "timeout"), this.#limits.timeoutMs);
      slot.worker.postMessage(task.request);
      // The worker has its own copy now; a build of thousands of files should not hold them all.
      task.request.text = "";
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#script, {
      resourceLimits: { maxOldGenerationSizeMb: this.#limits.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, ready: false };
    worker.on("message", (response: ParseResponse | WorkerReady) => {
      if ("ready" in response) {
        slot.ready = true;
        this.#dispatch();
        if (!slot.task) worker.unref();
        return;
      }
      const task = slot.task;
      if (!task || task.request.id !== response.id) return;
      clearTimeout(slot.timer);
      slot.task = undefined;
      task.resolve({ result: JSON.parse(response.json) as FileParseResult, json: response.json });
      this.#dispatch();
      if (!slot.task) worker.unref();
    });
    worker.on("error", () => this.#fail(slot, "memory"));
    worker.on("exit", () => this.#fail(slot, "memory"));
    // A starting or busy worker keeps the process alive; an idle one must not keep a finished
    // build alive, so it is unreferenced whenever it has no task.
    this.#slots.push(slot);
    return slot;
  }

  /** Ends a slot's task with a diagnostic and replaces its worker. */
  #fail(slot: Slot, why: "timeout" | "memory"): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1) return;
    this.#slots.splice(index, 1);
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    // A worker that died before it loaded fails the next waiting file, so a worker that cannot
    // start at all drains the queue with diagnostics instead of being restarted for ever.
    const task = slot.task ?? (slot.ready ? undefined : this.#queue.shift());
    if (task) {
      const message =
        why === "timeout" ? MESSAGES.tooComplex(this.#limits.timeoutMs) : MESSAGES.outOfMemory(this.#limits.maxHeapMb);
      const at = { line: 1, column: 1 };
      task.resolve({
        result: {
          personas: [],
          diagnostics: [diagnostic("error", RULES.fileTooComplex, message, task.request.path, at)],
        },
      });
    }
    this.#dispatch();
  }
}
