import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspectDestination } from "../src/write/inspect.js";

const root = mkdtempSync(join(tmpdir(), "persona-inspect-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Over the 256 KiB at which a file is compared in chunks instead of read whole, with characters
// of every UTF-8 width and a surrogate pair straddling the 64 K-character chunk boundary.
const line = "ascii é → 👩‍💻 text\n";
const big = `${"x".repeat(65_535)}😀${line.repeat(20_000)}`;

describe("inspectDestination with an expected text", () => {
  it("answers `same` for a large file that holds exactly the text, without reading it", () => {
    const file = join(root, "same.json");
    writeFileSync(file, big);
    expect(inspectDestination(root, file, undefined, [big])).toEqual({ kind: "same", mode: expect.any(Number) });
  });

  it("compares a text given in pieces the same way, without joining them", () => {
    const file = join(root, "pieces.json");
    writeFileSync(file, big);
    const pieces = [big.slice(0, 70_001), big.slice(70_001, 300_000), big.slice(300_000)];
    expect(inspectDestination(root, file, undefined, pieces)).toEqual({ kind: "same", mode: expect.any(Number) });
  });

  it("reads a large file whole when any byte differs, even the last", () => {
    const file = join(root, "differs.json");
    const other = `${big.slice(0, -1)}!`;
    writeFileSync(file, other);
    const dest = inspectDestination(root, file, undefined, [big.slice(0, 70_000), big.slice(70_000)]);
    expect(dest.kind).toBe("file");
    expect(dest.kind === "file" && dest.contents === other).toBe(true);
  });

  it("reads a small file whole, as without an expected text", () => {
    const file = join(root, "small.md");
    writeFileSync(file, "hello\n");
    expect(inspectDestination(root, file, undefined, ["hello\n"])).toMatchObject({ kind: "file", contents: "hello\n" });
  });
});

describe("stageFile with a text in pieces", () => {
  it("writes batches that reassemble byte for byte", async () => {
    const { readFileSync } = await import("node:fs");
    const { commitStaged, stageFile } = await import("../src/write/atomic.js");
    // Over two 1 M-code-unit batches, from many pieces of mixed widths.
    const pieces = Array.from({ length: 120_000 }, (_, i) => `${i} ${line}`);
    const destination = join(root, "large", "prompts.json");
    const staged = await stageFile(destination, pieces);
    await commitStaged(staged);
    expect(readFileSync(destination, "utf8")).toBe(pieces.join(""));
    expect(staged.createdFolder).toBe(join(root, "large"));
  });
});
