import { readdirSync } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { outputFiles, persona, printed, project, runShell, where } from "./harness.js";

// ADVERSARIAL.md rows 32–34: inputs that would exhaust time, memory or file descriptors. Files
// over the size limit are refused after `stat`, before reading; a nesting pre-scan refuses what
// would make the markdown parser super-linear; the rest is parsed in worker threads with a time
// budget; files are read with bounded concurrency.

const MiB = 1024 * 1024;

/** A persona a little over 1 MiB, mostly a code block, which parses in a fraction of a second. */
const OVER_ONE_MIB = `# Long\n\n\`\`\`\n${`${"word ".repeat(40)}\n`.repeat(5400)}\`\`\`\n`;

/** A file of `size` bytes that occupies no disk: if persona read it, it would see NUL bytes. */
async function sparse(path: string, size: number): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}

describe("row 32: files over the size limit", () => {
  it("refuses 50 MB, 10 MB and a 2 MB single line after stat, fast; the other files are still processed", async () => {
    const p = await project({
      "personas/ok.md": persona("ok"),
      "personas/typo.md": "---\nname: typo\ntools: 5\n---\n# T\n",
      "personas/line.md": `${"a".repeat(2 * MiB)}\n`,
    });
    await sparse(p.path("personas/huge.md"), 50 * MiB);
    await sparse(p.path("personas/big.md"), 10 * MiB);
    const started = Date.now();
    const r = await p.run("build");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      "personas/big.md:1:1 file/too-large",
      "personas/huge.md:1:1 file/too-large",
      "personas/line.md:1:1 file/too-large",
      "personas/typo.md:3:8 frontmatter/invalid-type",
    ]);
    expect(r.stderr).toContain("personas/huge.md:1:1: error file/too-large: File is 52428800 bytes (limit 1048576)");
    expect(r.stderr).toContain("personas/big.md:1:1: error file/too-large: File is 10485760 bytes (limit 1048576)");
    expect(r.stderr).toContain("personas/line.md:1:1: error file/too-large: File is 2097153 bytes (limit 1048576)");
    // Never read: a read of the sparse files would also have reported their NUL bytes.
    expect(r.stderr).not.toContain("U+0000");
    expect(r.stderr).toContain("1 persona: 4 errors in 4 files; nothing written");
    expect(outputFiles(p.dir)).toEqual([]);
  });

  it("the limit is configurable for validate: --max-file-bytes and `maxFileBytes` in the config", async () => {
    const p = await project({ "personas/long.md": OVER_ONE_MIB });
    expect((await p.run("validate")).code).toBe(1);
    const flag = await p.run("validate", "--max-file-bytes", String(2 * MiB));
    expect(flag.code, flag.stderr).toBe(0);
    const tiny = await p.run("validate", "--max-file-bytes", "100");
    expect(tiny.stderr).toContain(`File is ${Buffer.byteLength(OVER_ONE_MIB)} bytes (limit 100)`);
    const bad = await p.run("validate", "--max-file-bytes", "1e9");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-file-bytes needs a positive whole number of bytes, not "1e9"');

    await writeFile(p.path("persona.config.json"), JSON.stringify({ maxFileBytes: 2 * MiB }));
    expect((await p.run("validate")).code).toBe(0);

    await writeFile(p.path("persona.config.json"), '{ "maxFileBytes": -5 }\n');
    const invalid = await p.run("validate");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      "persona.config.json:1:19: error config/invalid: Unexpected number -5, expected a positive whole number",
    );
  });

  // project/load.ts (the parse pool's reader) must pass `settings.maxFileBytes` on to `parseFolder`.
  it("build honours --max-file-bytes and `maxFileBytes` from the config", async () => {
    const p = await project({ "personas/long.md": OVER_ONE_MIB });
    const flag = await p.run("build", "--target", "claude", "--dry-run", "--max-file-bytes", String(2 * MiB));
    expect(flag.code, flag.stderr).toBe(0);
    await writeFile(p.path("persona.config.json"), JSON.stringify({ maxFileBytes: 2 * MiB }));
    const built = await p.run("build", "--target", "claude");
    expect(built.code, built.stderr).toBe(0);
    expect(outputFiles(p.dir)).toEqual([".claude/agents/long.md"]);
  });
});

describe("row 33: pathological nesting and parser blow-ups", () => {
  it("refuses deep nesting by pre-scan and a slow parse by time budget; never hangs; other files processed", async () => {
    const indented = Array.from({ length: 800 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    const p = await project({
      "personas/ok.md": persona("ok"),
      "personas/typo.md": "---\nname: typo\ntools: 5\n---\n# T\n",
      "personas/dashes.md": `${"- ".repeat(8000)}\n`,
      "personas/quotes.md": `${">".repeat(100_000)}\n`,
      "personas/brackets.md": `${"[".repeat(100_000)}\n`,
      "personas/indented.md": `${indented}\n`,
      // No nesting at all, but micromark needs far more than 2 s for it (reference definitions).
      "personas/complex.md": "[a]: b\n".repeat(60_000),
    });
    for (const command of ["validate", "build"]) {
      const started = Date.now();
      const r = await p.run(command);
      expect(Date.now() - started, command).toBeLessThan(20_000);
      expect(r.code, command).toBe(1);
      expect(where(r.stderr), command).toEqual([
        "personas/brackets.md:1:1 file/too-deeply-nested",
        "personas/complex.md:1:1 file/too-complex",
        "personas/dashes.md:1:1 file/too-deeply-nested",
        "personas/indented.md:33:1 file/too-deeply-nested",
        "personas/quotes.md:1:1 file/too-deeply-nested",
        "personas/typo.md:3:8 frontmatter/invalid-type",
      ]);
      const messages = Object.fromEntries(printed(r.stderr).map((d) => [d.file, d.message]));
      expect(messages["personas/dashes.md"]).toBe("Nesting depth 8000 exceeds 32");
      expect(messages["personas/quotes.md"]).toBe("Nesting depth 100000 exceeds 32");
      expect(messages["personas/brackets.md"]).toBe("Nesting depth 100000 exceeds 32");
      expect(messages["personas/complex.md"]).toBe("File too complex to parse within 2s");
      expect(r.stderr).not.toMatch(/\n\s+at |RangeError|heap/);
    }
  }, 60_000);
});

describe("row 34: 5,000 persona files with 256 file descriptors", () => {
  it("processes every file with bounded concurrency: all errors reported, then all outputs written", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) {
      const id = `p${String(i).padStart(4, "0")}`;
      files[`personas/${id}.md`] = i % 500 === 7 ? `${persona(id)}\nHidden\u200B here.\n` : persona(id);
    }
    const p = await project(files);
    const checked = await runShell("ulimit -n 256", ["validate"], { cwd: p.dir });
    expect(checked.code).toBe(1);
    expect(checked.stderr).not.toMatch(/EMFILE|ENFILE/);
    expect(where(checked.stderr)).toHaveLength(10);
    expect(checked.stderr).toMatch(/5000 files checked: 10 errors in 10 files\n$/);

    for (let i = 7; i < 5000; i += 500) {
      const id = `p${String(i).padStart(4, "0")}`;
      await writeFile(p.path(`personas/${id}.md`), persona(id));
    }
    const built = await runShell("ulimit -n 256", ["build", "--target", "claude"], { cwd: p.dir });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toBe("5000 personas, 5000 files written, 0 unchanged\n");
    expect(readdirSync(p.path(".claude/agents"))).toHaveLength(5000);
  }, 120_000);
});
