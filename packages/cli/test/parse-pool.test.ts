import { describe, expect, it } from "vitest";
import { ParsePool } from "../src/parse-pool/pool.js";

// The built worker (`pnpm test` builds first); the pool under test is the source one.
const script = new URL("../dist/parse-worker.js", import.meta.url);
const text = "---\nname: quick\ndescription: Parses in milliseconds\n---\n# Quick\n\nA short persona.\n";

describe("ParsePool", () => {
  it("fails a parse that outlasts the budget, naming the file, and goes on with a new worker", async () => {
    const pool = new ParsePool(script, 1, { timeoutMs: 300, maxHeapMb: 512 });
    try {
      await pool.parse(text, "personas/warm.md");
      // Reference definitions that micromark needs seconds for (as in the adversarial suite).
      const { result } = await pool.parse("[a]: b\n".repeat(60_000), "personas/complex.md");
      expect(result.personas).toEqual([]);
      expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([["personas/complex.md", "file/too-complex"]]);
      const next = await pool.parse(text, "personas/quick.md");
      expect(next.result.diagnostics).toEqual([]);
      expect(next.result.personas.map((p) => p.id)).toEqual(["quick"]);
    } finally {
      await pool.close();
    }
  });

  it("starts a parse's time budget only once its worker has loaded", async () => {
    const slow = new URL("./fixtures/slow-start-worker.mjs", import.meta.url);
    const pool = new ParsePool(slow, 2, { timeoutMs: 300, maxHeapMb: 64 });
    try {
      const results = await Promise.all(["a", "b", "c"].map((n) => pool.parse(text, `personas/${n}.md`)));
      expect(results.map((r) => r.result.diagnostics)).toEqual([[], [], []]);
    } finally {
      await pool.close();
    }
  });

  it("fails every waiting file with a diagnostic when the worker cannot start, instead of retrying for ever", async () => {
    const broken = new URL("./fixtures/broken-worker.mjs", import.meta.url);
    const pool = new ParsePool(broken, 1, { timeoutMs: 300, maxHeapMb: 64 });
    try {
      const results = await Promise.all(["a", "b"].map((n) => pool.parse(text, `personas/${n}.md`)));
      expect(results.map((r) => r.result.diagnostics.map((d) => [d.file, d.rule]))).toEqual([
        [["personas/a.md", "file/too-complex"]],
        [["personas/b.md", "file/too-complex"]],
      ]);
    } finally {
      await pool.close();
    }
  });
});
