import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { compile, formatDiagnostic, type ImportedFile, importPersonas, parsePersona } from "../src/index.js";
import { walk } from "./compile-support.js";
import { lostLines } from "./round-trip.js";

// The acceptance of `persona import` (DESIGN.md §8): every importable corpus file, imported and
// compiled back to its own tool, keeps every instruction line of its body, in order.
const CORPUS = sharedPath("corpus/");

// `split/` holds slices of superclaude-v3/PERSONAS.md (SOURCES.md: DERIVED); the file itself is imported.
const sources = walk(CORPUS).filter((p) => /\.(md|mdc)$/.test(p) && p !== "SOURCES.md" && !p.includes("/split/"));

/**
 * The output file a persona's home target writes for the kind of file it came from. An
 * instructions file without `applyTo` gets no instructions file back (Copilot would never apply
 * it by itself), so its text is looked for in the custom agent Copilot gets instead.
 */
function homeOutput(file: ImportedFile): string | undefined {
  const persona = parsePersona(file.text, { path: file.path }).persona;
  if (!persona) return undefined;
  const own = compile([persona], { targets: [file.home] }).files.filter((f) => f.personaId === persona.id);
  const instructions = own.find((f) => f.path.endsWith(".instructions.md"));
  return (file.kind === "copilot-instructions" ? instructions : undefined)?.contents ?? own[0]?.contents;
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

  it("splits SuperClaude v3's PERSONAS.md into its eleven personas, each the slice split/ holds", () => {
    const result = imported.find((r) => r.path === "superclaude-v3/PERSONAS.md");
    const ids = result?.files.map((f) => f.id).sort();
    expect(ids).toEqual([
      "analyzer",
      "architect",
      "backend",
      "devops",
      "frontend",
      "mentor",
      "performance",
      "qa",
      "refactorer",
      "scribe",
      "security",
    ]);
    for (const file of result?.files ?? []) {
      const slice = readFileSync(join(CORPUS, `superclaude-v3/split/persona-${file.id}.md`), "utf8");
      expect(file.body.trim(), file.id).toBe(slice.trim());
    }
  });
});
