import type { Io } from "../io.js";

/** What a long build has done so far. */
export interface ProgressCounts {
  /** Persona files read (parsed, or found current). */
  read: number;
  /** Of the total number of persona files. */
  total: number;
  compiled: number;
  /** Files staged to be written. */
  staged: number;
}

/** How often the line is redrawn, and after how long a run it first appears. */
const REDRAW_MS = 100;
const SHOW_AFTER_MS = 1000;

/**
 * One line on a terminal saying what a long build has done (`persona: 4200/10000 personas read,
 * 3900 compiled, 58000 files staged`), redrawn in place and erased at the end. It appears only
 * after a second (a quick build prints nothing extra), and never when stderr is not a terminal or
 * in CI (`CI` set), so pipes and logs get only the summary.
 */
export class Progress {
  readonly #io: Io;
  readonly #counts: ProgressCounts = { read: 0, total: 0, compiled: 0, staged: 0 };
  readonly #started = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #shown = false;

  private constructor(io: Io) {
    this.#io = io;
    this.#timer = setInterval(() => this.#draw(), REDRAW_MS);
    this.#timer.unref();
  }

  /** A progress line for this run, or undefined when it would not be shown. */
  static start(io: Io, enabled: boolean): Progress | undefined {
    if (!enabled || io.stderr.isTTY !== true || (io.env.CI !== undefined && io.env.CI !== "")) return undefined;
    return new Progress(io);
  }

  /** Sets how many persona files there are. */
  setTotal(total: number): void {
    this.#counts.total = total;
  }

  /** Adds to the counts (the line is redrawn by the timer, not on every call). */
  add(counts: Partial<ProgressCounts>): void {
    for (const [key, n] of Object.entries(counts) as [keyof ProgressCounts, number][]) this.#counts[key] += n;
  }

  #draw(): void {
    if (Date.now() - this.#started < SHOW_AFTER_MS) return;
    const c = this.#counts;
    const line = `persona: ${c.read}/${c.total} personas read, ${c.compiled} compiled, ${c.staged} files staged`;
    this.#io.stderr.write(`\r${line}\u001b[K`);
    this.#shown = true;
  }

  /** Erases the line (if it was shown) and stops redrawing it. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#shown) this.#io.stderr.write("\r\u001b[K");
  }
}
