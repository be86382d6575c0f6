import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, parsePersona } from "@personas/core";
import { afterAll, describe, expect, it } from "vitest";
import { inspectDestination } from "../src/write/inspect.js";

const { persona } = parsePersona("---\nname: alpha\ndescription: Reviews code\n---\n# Alpha\n\nCareful.\n", {
  path: "personas/alpha.md",
});
if (!persona) throw new Error("fixture persona did not parse");

const root = mkdtempSync(join(tmpdir(), "persona-inspect-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Over the 256 KiB at which a file is compared in chunks instead of read whole, with characters
// of every UTF-8 width and a surrogate pair straddling the 64 K-character chunk boundary.
const line = "ascii é → 👩‍💻 text\n";
const big = `${"x".repeat(65_535)}😀${line.repeat(20_000)}`;

/** An expected JSON text in chunks, as the planner passes it. */
const expect_ = (text: readonly string[], readChanged = false) => ({ format: "json" as const, text, readChanged });

describe("inspectDestination with an expected text", () => {
  it("answers `same` for a large file that holds exactly the text, without reading it", () => {
    const file = join(root, "same.json");
    writeFileSync(file, big);
    expect(inspectDestination(root, file, undefined, expect_([big]))).toEqual({
      kind: "same",
      mode: expect.any(Number),
    });
  });

  it("compares a text given in pieces the same way, without joining them", () => {
    const file = join(root, "pieces.json");
    writeFileSync(file, big);
    const pieces = [big.slice(0, 70_001), big.slice(70_001, 300_000), big.slice(300_000)];
    expect(inspectDestination(root, file, undefined, expect_(pieces))).toEqual({
      kind: "same",
      mode: expect.any(Number),
    });
  });

  it("reads a large file whole when any byte differs, even the last, if a diff needs it", () => {
    const file = join(root, "differs.json");
    const other = `${big.slice(0, -1)}!`;
    writeFileSync(file, other);
    const dest = inspectDestination(root, file, undefined, expect_([big.slice(0, 70_000), big.slice(70_000)], true));
    expect(dest.kind).toBe("file");
    expect(dest.kind === "file" && dest.contents === other).toBe(true);
  });

  it("otherwise only reads who owns a large file that differs, in chunks", () => {
    const [generated] = compile([persona]).files.filter((f) => f.path === ".mcp/prompts.json");
    const text = generated?.contents ?? "";
    // Padded past the chunked-compare size inside the JSON, so the hash no longer matches.
    const edited = text.replace('"prompts": [', `"padding": "${"é😀".repeat(200_000)}",\n  "prompts": [`);
    expect(edited.length).toBeGreaterThan(300_000);
    const file = join(root, "prompts.json");
    writeFileSync(file, edited);
    expect(inspectDestination(root, file, undefined, expect_([big]))).toEqual({
      kind: "changed",
      mode: expect.any(Number),
      ownership: "edited",
    });
    writeFileSync(file, `${"x".repeat(300_000)}\n`);
    expect(inspectDestination(root, file, undefined, expect_([big]))).toEqual({
      kind: "changed",
      mode: expect.any(Number),
      ownership: "foreign",
    });
  });

  it("reads a small file whole, as without an expected text", () => {
    const file = join(root, "small.md");
    writeFileSync(file, "hello\n");
    expect(inspectDestination(root, file, undefined, expect_(["hello\n"]))).toMatchObject({
      kind: "file",
      contents: "hello\n",
    });
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

  it("writes pieces larger than its buffer, with characters across its edges, as Buffer.from would", async () => {
    const { readFileSync } = await import("node:fs");
    const { commitStaged, stageFile } = await import("../src/write/atomic.js");
    // 3-byte and 4-byte characters land on every offset of the 1 MiB buffer; a lone surrogate
    // is written as U+FFFD, as everywhere else in Node.
    const pieces = ["a", "é😀→".repeat(400_000), "\ud800", "b".repeat(1 << 20), "😀".repeat(300_000), ""];
    const destination = join(root, "larger.json");
    await commitStaged(await stageFile(destination, pieces));
    expect(readFileSync(destination).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });
});

describe("a staged file's temp name", () => {
  it("is the same name again from its destination and serial, so a plan need keep only the serial", async () => {
    const { existsSync } = await import("node:fs");
    const { basename } = await import("node:path");
    const { nextSerial, stageFile, tempPath } = await import("../src/write/atomic.js");
    const destination = join(root, "serial", "agent.md");
    const serial = nextSerial();
    const staged = await stageFile(destination, "text\n", undefined, undefined, serial);
    expect(staged.temp).toBe(tempPath(destination, serial));
    expect(existsSync(staged.temp)).toBe(true);
    // What a later build recognises as a leftover temp of a build (stale-temps.ts).
    expect(basename(staged.temp)).toMatch(new RegExp(`^\\.agent\\.md\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    expect(tempPath(destination, nextSerial())).not.toBe(staged.temp);
  });
});
