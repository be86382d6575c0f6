import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Io } from "../src/io.js";
import { Progress } from "../src/report/progress.js";

/** An Io whose stderr is a terminal (or not), collecting what is written. */
function fakeIo(tty: boolean, env: Record<string, string> = {}): { io: Io; written: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let text = "";
  stderr.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const io = {
    stderr,
    stdout: new PassThrough(),
    stdin: new PassThrough(),
    env,
    cwd: "/",
    verbose: false,
  } as unknown as Io;
  return { io, written: () => text };
}

afterEach(() => vi.useRealTimers());

describe("the progress line", () => {
  it("appears on a terminal only after a second, redrawn in place, and is erased at the end", async () => {
    vi.useFakeTimers();
    const { io, written } = fakeIo(true);
    const progress = Progress.start(io, true);
    progress?.setTotal(10);
    progress?.add({ read: 4, compiled: 3, staged: 12 });
    await vi.advanceTimersByTimeAsync(900);
    expect(written()).toBe("");
    await vi.advanceTimersByTimeAsync(200);
    expect(written()).toContain("\rpersona: 4/10 personas read, 3 compiled, 12 files staged\u001b[K");
    progress?.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(written().endsWith("\r\u001b[K")).toBe(true);
  });

  it("is never shown in a pipe, in CI, or for machine formats", () => {
    expect(Progress.start(fakeIo(false).io, true)).toBeUndefined();
    expect(Progress.start(fakeIo(true, { CI: "true" }).io, true)).toBeUndefined();
    expect(Progress.start(fakeIo(true).io, false)).toBeUndefined();
  });
});
