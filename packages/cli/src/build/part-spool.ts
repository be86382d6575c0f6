import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PartStore, SharedPart, TargetId } from "@personas/core";

/** One target's spooled parts: where each ends in its file. */
interface Spooled {
  fd: number;
  path: string;
  /** Still to unlink at the end (a system that cannot unlink an open file: Windows). */
  linked: boolean;
  ends: number[];
  size: number;
}

/**
 * Each persona's parts of the shared files, spooled to a temporary file per target instead of
 * held through the build: at 10,000 personas they are about 90 MB of text (Roo's modes, MCP's
 * prompts, AGENTS.md's entries), and in memory they took a third of a cold build's peak. They come
 * back one target at a time, when that target's files are assembled. Each file is unlinked as
 * soon as it is open, so a killed build leaves at most an empty folder in the temp directory.
 */
export class PartSpool implements PartStore {
  readonly #dir: string;
  readonly #spooled = new Map<TargetId, Spooled>();
  /** Parts added once settled, held as they are until taken (see `settle`). */
  readonly #held = new Map<TargetId, SharedPart<unknown>[]>();
  #settled = false;

  constructor(parent: string = tmpdir()) {
    this.#dir = mkdtempSync(join(parent, "persona-parts-"));
  }

  /**
   * A spool in `parent`, or undefined when no folder can be made there (a read-only or missing
   * temp directory): the build then keeps the parts in memory, as a small one does, rather than
   * fail over where it keeps them.
   */
  static tryOpen(parent: string = tmpdir()): PartSpool | undefined {
    try {
      return new PartSpool(parent);
    } catch {
      return undefined;
    }
  }

  /**
   * From now on parts are held in memory: the personas have all streamed by, and what is added
   * now (parts read back from the shared files, target by target) is taken at once. Spooling
   * those only cost time and, for a moment, two more copies of them.
   */
  settle(): void {
    this.#settled = true;
  }

  add(target: TargetId, part: SharedPart<unknown>): void {
    if (this.#settled) {
      const held = this.#held.get(target) ?? [];
      held.push(part);
      this.#held.set(target, held);
      return;
    }
    const spooled = this.#spooled.get(target) ?? this.#open(target);
    const bytes = Buffer.from(JSON.stringify(part), "utf8");
    for (let done = 0; done < bytes.length; )
      done += writeSync(spooled.fd, bytes, done, bytes.length - done, spooled.size + done);
    spooled.size += bytes.length;
    spooled.ends.push(spooled.size);
  }

  take(target: TargetId): SharedPart<unknown>[] {
    const held = this.#held.get(target) ?? [];
    this.#held.delete(target);
    // Held parts were added after every spooled one: they come last, in the order added.
    return [...this.#takeSpooled(target), ...held];
  }

  #takeSpooled(target: TargetId): SharedPart<unknown>[] {
    const spooled = this.#spooled.get(target);
    if (!spooled) return [];
    this.#spooled.delete(target);
    try {
      // Part by part through one buffer: read whole, the spool was a second copy of every part
      // (38 MB for `.roomodes` at 10,000 personas) next to the parts made from it.
      let buffer = Buffer.allocUnsafe(64 * 1024);
      let start = 0;
      return spooled.ends.map((end) => {
        const size = end - start;
        if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
        for (let done = 0; done < size; ) {
          const read = readSync(spooled.fd, buffer, done, size - done, start + done);
          if (read === 0)
            throw new Error(`the spool of ${target}'s parts ended early (${start + done} of ${spooled.size} bytes)`);
          done += read;
        }
        start = end;
        return JSON.parse(buffer.toString("utf8", 0, size)) as SharedPart<unknown>;
      });
    } finally {
      this.#release(spooled);
    }
  }

  /** Removes whatever is left: call once the build is done with the spool, whatever happened. */
  close(): void {
    for (const spooled of this.#spooled.values()) this.#release(spooled);
    this.#spooled.clear();
    this.#held.clear();
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #open(target: TargetId): Spooled {
    const path = join(this.#dir, target);
    const fd = openSync(path, "wx+", 0o600);
    let linked = true;
    try {
      unlinkSync(path);
      linked = false;
    } catch {
      // Windows keeps an open file's name: it goes in `#release`.
    }
    const spooled: Spooled = { fd, path, linked, ends: [], size: 0 };
    this.#spooled.set(target, spooled);
    return spooled;
  }

  #release(spooled: Spooled): void {
    closeSync(spooled.fd);
    if (spooled.linked) rmSync(spooled.path, { force: true });
  }
}
