import { describe, expect, it, vi } from "vitest";

const cores = vi.hoisted(() => ({ count: 8 }));
vi.mock("node:os", async (importOriginal) => ({
  ...(await importOriginal<typeof import("node:os")>()),
  availableParallelism: () => cores.count,
}));

const { poolSize } = await import("../src/project/parse-files.js");

describe("poolSize", () => {
  it("gives one worker per core not spared, at most 4, and no more than one per 8 files", () => {
    cores.count = 8;
    expect(poolSize(1000, 0, {})).toBe(4);
    expect(poolSize(20, 0, {})).toBe(3);
    cores.count = 2;
    expect(poolSize(1000, 0, {})).toBe(2);
    // A build spares the core its own thread compiles on.
    expect(poolSize(1000, 1, {})).toBe(1);
    cores.count = 1;
    expect(poolSize(1000, 1, {})).toBe(1);
  });

  it("takes PERSONA_WORKERS when it is a positive integer, never more than the files", () => {
    cores.count = 2;
    expect(poolSize(1000, 1, { PERSONA_WORKERS: "3" })).toBe(3);
    expect(poolSize(1000, 0, { PERSONA_WORKERS: "12" })).toBe(12);
    expect(poolSize(2, 0, { PERSONA_WORKERS: "12" })).toBe(2);
    for (const ignored of ["0", "-1", "1.5", "many", ""]) {
      expect(poolSize(1000, 1, { PERSONA_WORKERS: ignored }), ignored).toBe(1);
    }
  });
});
