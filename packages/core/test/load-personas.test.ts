import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPersonas } from "../src/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "persona-load-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const persona = (name: string) => `---\nname: ${name}\ndescription: ${name} persona\n---\n# ${name}\n`;

describe("loadPersonas", () => {
  it("loads .md and .mdc files recursively, skipping READMEs, sorted by id", async () => {
    await mkdir(join(dir, "team"));
    await writeFile(join(dir, "b.md"), persona("beta"));
    await writeFile(join(dir, "team", "a.mdc"), persona("alpha"));
    await writeFile(join(dir, "README.md"), "# Not a persona\n");
    await writeFile(join(dir, "notes.txt"), "ignored");
    const r = await loadPersonas(dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.personas.map((p) => [p.id, p.source.path])).toEqual([
      ["alpha", `${dir}/team/a.mdc`],
      ["beta", `${dir}/b.md`],
    ]);
  });

  it("reports ids that collide, also case-insensitively, naming both files, and keeps neither", async () => {
    await writeFile(join(dir, "a.md"), persona("Reviewer"));
    await writeFile(join(dir, "b.md"), persona("reviewer"));
    await writeFile(join(dir, "c.md"), persona("other"));
    const r = await loadPersonas(dir);
    expect(r.personas.map((p) => p.id)).toEqual(["other"]);
    const collisions = r.diagnostics.filter((d) => d.rule === "persona/id-collision");
    expect(collisions).toHaveLength(2);
    expect(collisions[0]?.message).toBe(
      `Persona id \`reviewer\` is used by more than one file: ${dir}/a.md, ${dir}/b.md`,
    );
  });

  it("refuses a file over the size limit before reading it, and still loads the others", async () => {
    await writeFile(join(dir, "huge.md"), "x".repeat(2048));
    await writeFile(join(dir, "ok.md"), persona("ok"));
    const r = await loadPersonas(dir, { maxBytes: 1024 });
    expect(r.personas.map((p) => p.id)).toEqual(["ok"]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        rule: "file/too-large",
        file: `${dir}/huge.md`,
        line: 1,
        column: 1,
        message: "File is 2048 bytes (limit 1024)",
      }),
    ]);
  });

  it("refuses invalid UTF-8 with the byte offset instead of decoding U+FFFD", async () => {
    await writeFile(
      join(dir, "bad.md"),
      Buffer.concat([Buffer.from("# Title\n\nabc"), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]),
    );
    const r = await loadPersonas(dir);
    expect(r.personas).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({
      rule: "file/not-utf8",
      message: "File is not valid UTF-8 (byte offset 12)",
    });
  });

  it("does not read a persona that is a symlink to a file outside the folder", async () => {
    const outside = await mkdtemp(join(tmpdir(), "persona-outside-"));
    try {
      await writeFile(join(outside, "secret.md"), persona("secret"));
      await symlink(join(outside, "secret.md"), join(dir, "evil.md"));
      await writeFile(join(dir, "inside.md"), persona("inside"));
      await symlink(join(dir, "inside.md"), join(dir, "alias.md"));
      const r = await loadPersonas(dir);
      expect(r.diagnostics.map((d) => [d.rule, d.file])).toEqual([
        ["persona/id-collision", `${dir}/alias.md`],
        ["file/unreadable", `${dir}/evil.md`],
        ["persona/id-collision", `${dir}/inside.md`],
      ]);
      expect(JSON.stringify(r)).not.toContain("secret persona");
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
