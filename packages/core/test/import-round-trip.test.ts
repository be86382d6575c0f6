import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { SUPERCLAUDE_V3_IDS } from "../../../test/helpers/superclaude.js";
import { compile, formatDiagnostic, type ImportedFile, importPersonas, parsePersona } from "../src/index.js";
import { walk } from "./compile-support.js";
import { lostLines } from "./round-trip.js";

// The acceptance of `persona import` (DESIGN.md §8): every importable corpus file, imported and
// compiled back to its own tool, keeps every instruction line of its body, in order.
const CORPUS = sharedPath("corpus/");

// `split/` holds slices of superclaude-v3/PERSONAS.md (SOURCES.md: DERIVED); the file itself is imported.
const sources = walk(CORPUS).filter((p) => /\.(md|mdc)$/.test(p) && p !== "SOURCES.md" && !p.includes("/split/"));

/** The file the persona's home target writes where the source's tool reads it. */
function homeOutput(file: ImportedFile): string | undefined {
  const persona = parsePersona(file.text, { path: file.path }).persona;
  if (!persona) return undefined;
  return compile([persona], { targets: [file.home] }).files.find((f) => f.path === file.output)?.contents;
}

/**
 * Values the target leaves out by design, not by loss: Claude Code may refuse to launch an agent
 * whose tool list resolves to nothing (TARGETS.md §1.1), so an empty `tools` is not written; and
 * persona writes no `description` into a Copilot instructions file (only VS Code shows it, as
 * hover text), so that one stays in the persona.
 */
function leftOutOnPurpose(file: ImportedFile, key: string): boolean {
  const persona = parsePersona(file.text, { path: file.path }).persona;
  if (key === "tools" && file.home === "claude") return persona?.tools?.length === 0;
  return key === "description" && file.output.endsWith(".instructions.md");
}

/** A generated file's frontmatter as data; Cursor's bare `globs:` line is read as Cursor reads it. */
function frontmatterOf(text: string): Record<string, unknown> {
  const block = /^---\n([\s\S]*?\n)---\n/.exec(text)?.[1] ?? "";
  const globs = /^globs: (.*)$/m.exec(block);
  const data = (parse(block.replace(/^globs: .*\n/m, "")) ?? {}) as Record<string, unknown>;
  return globs ? { ...data, globs: (globs[1] as string).split(",") } : data;
}

describe.skipIf(!HAS_SHARED)("import, then compile back to the source's tool", () => {
  const imported = sources.map((path) => ({
    path,
    ...importPersonas(readFileSync(join(CORPUS, path), "utf8"), { path }),
  }));

  it("imports every corpus file without an error", () => {
    const errors = imported.flatMap((r) => r.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic));
    expect(errors).toEqual([]);
    expect(imported.filter((r) => r.files.length === 0).map((r) => r.path)).toEqual([]);
  });

  it.each(imported.flatMap((r) => r.files.map((f) => [`${r.path} → ${f.id} (${f.home})`, f] as const)))(
    "%s keeps every instruction line in order",
    (_, file) => {
      const output = homeOutput(file);
      expect(output, "no output for the home target").toBeDefined();
      const lost = lostLines(file.body, output ?? "", file.source.line).map((l) => `${l.line} ${l.why}: ${l.text}`);
      expect(lost).toEqual([]);
    },
  );

  it.each(imported.flatMap((r) => r.files.map((f) => [`${r.path} → ${f.id} (${f.home})`, f] as const)))(
    "%s gives its tool back every frontmatter value persona or the tool's target holds",
    (_, file) => {
      const output = frontmatterOf(homeOutput(file) ?? "");
      const problems: string[] = [];
      for (const move of file.report) {
        const key = /^frontmatter `([^`]+)`$/.exec(move.from)?.[1];
        if (key === undefined) continue;
        const option = new RegExp(`^targets\\.${file.home}\\.([^ ]+)`).exec(move.to)?.[1];
        const field = ["description", "tools", "model", "globs (file triggers)", "applyTo (file triggers)"].includes(
          move.to,
        );
        const wanted = option ?? (field ? key : undefined);
        if (wanted === undefined || leftOutOnPurpose(file, wanted)) continue;
        if (!(wanted in output)) problems.push(`${key} (${move.to}) is not in ${file.output}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it("splits SuperClaude v3's PERSONAS.md into its eleven personas, each the slice split/ holds", () => {
    const result = imported.find((r) => r.path === "superclaude-v3/PERSONAS.md");
    const ids = result?.files.map((f) => f.id).sort();
    expect(ids).toEqual(SUPERCLAUDE_V3_IDS);
    for (const file of result?.files ?? []) {
      const slice = readFileSync(join(CORPUS, `superclaude-v3/split/persona-${file.id}.md`), "utf8");
      expect(file.body.trim(), file.id).toBe(slice.trim());
    }
  });
});
