import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { findMojibake, parsePersona } from "../src/index.js";

const damaged = (text: string) => findMojibake(text).map((d) => [text.slice(d.start, d.end), d.intended, d.page]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(md|mdc)$/.test(name) ? [full] : [];
  });
}

describe("encoding damage (mojibake)", () => {
  it("finds UTF-8 read as Mac Roman and as Windows-1252, with the text it was", () => {
    expect(damaged("learn python.\uf8ffüêç`")).toEqual([["\uf8ffüêç", "🐍", "Mac Roman"]]);
    expect(damaged("café → cafÃ© and donâ€™t")).toEqual([
      ["Ã©", "é", "Windows-1252 (Latin-1)"],
      ["â€™", "’", "Windows-1252 (Latin-1)"],
    ]);
    expect(damaged("caf√© and don‚Äôt")).toEqual([
      ["√©", "é", "Mac Roman"],
      ["‚Äô", "’", "Mac Roman"],
    ]);
  });

  it("leaves legitimate non-ASCII text alone", () => {
    for (const text of [
      "“école” — Größe, naïve, façade, Ærø, señor ¿qué?",
      "Пример текста, 日本語のテキスト, 한국어, عربى",
      "A → B ≥ C, ✅ done, 🚀 ship, 👩‍💻 dev, ±5%, 10×, °C, ©™®",
      "«Guillemets» ‹single› „low“ ‚quote‘ …",
    ])
      expect(damaged(text), text).toEqual([]);
  });

  it("warns at the damaged run, naming the likely text, and never rewrites the source", () => {
    const text = "# Agent\n\nLearn `python.\uf8ffüêç` first.\n";
    const { persona, diagnostics } = parsePersona(text, { path: "agent.md" });
    expect(diagnostics).toMatchObject([{ severity: "warning", rule: "file/mojibake", line: 3, column: 15 }]);
    expect(diagnostics[0]?.message).toContain('"🐍"');
    expect(diagnostics[0]?.message).toContain("Mac Roman");
    expect(persona?.sections.map((s) => s.markdown).join("\n")).toContain("python.\uf8ffüêç");
  });
});

describe.skipIf(!HAS_SHARED)("encoding damage in the shared files", () => {
  it("finds the seed's b00t block damage, at its line", () => {
    const text = readFileSync(sharedPath("seed/backend.md"), "utf8");
    const found = parsePersona(text, { path: "backend.md" }).diagnostics.filter((d) => d.rule === "file/mojibake");
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(68);
    expect(found[0]?.message).toContain('"🐍"');
  });

  it("finds none in the corpus's legitimate non-ASCII text, nor in the bundled personas", () => {
    const files = [...walk(sharedPath("corpus")), ...walk(join(import.meta.dirname, "../../../personas"))];
    expect(files.length).toBeGreaterThan(70);
    const nonAscii = files.filter((f) => /[^\x00-\x7f]/.test(readFileSync(f, "utf8")));
    expect(nonAscii.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => damaged(readFileSync(f, "utf8")).map((d) => [f, ...d]));
    expect(found).toEqual([]);
  });
});
