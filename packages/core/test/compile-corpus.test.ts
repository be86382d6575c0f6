import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { compile, formatDiagnostic, ownershipOf, type Persona, parsePersona, targetIds } from "../src/index.js";
import { cases, compileCase, splitFrontmatter, walk } from "./compile-support.js";

// Real persona, agent and rule files from public repositories (shared/corpus/SOURCES.md).
const CORPUS = sharedPath("corpus/");

// Every corpus file that parses to a persona compiles to every target without an error, and the
// output never carries HTML entities a template engine would have introduced.

const personas: Persona[] = walk(CORPUS)
  .filter((path) => /\.(md|mdc)$/.test(path) && !path.endsWith("SOURCES.md"))
  .flatMap((path) => parsePersona(readFileSync(join(CORPUS, path), "utf8"), { path }).persona ?? []);

const ENTITIES = /&(?:lt|gt|amp|quot|#x27|#x3D|#x60|#39);/;

describe.skipIf(!HAS_SHARED)("the corpus compiles", () => {
  it("parses enough personas to mean something", () => {
    expect(personas.length).toBeGreaterThanOrEqual(70);
  });

  it.each(personas.map((p) => [p.source.path, p] as const))("%s compiles to every target without error", (_, p) => {
    const result = compile([p]);
    const errors = result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
    expect(errors).toEqual([]);
    // Every target writes the persona, or says why not (Cline, for a persona without file triggers).
    const leftOut = new Set(result.diagnostics.filter((d) => d.rule === "target/left-out").map((d) => d.message));
    const silent = targetIds.filter((t) => !result.files.some((f) => f.target === t));
    for (const t of silent)
      expect(
        [...leftOut].some((m) => m.includes("persona")),
        `${t} wrote nothing`,
      ).toBe(true);
    for (const file of result.files) {
      const own = file.format === "managed-block" || file.format === "yaml" ? "managed" : "generated";
      expect(ownershipOf(file.format, file.contents), file.path).toBe(own);
      expect(file.contents.endsWith("\n") && !file.contents.endsWith("\n\n"), file.path).toBe(true);
      expect(file.contents.includes("\r"), file.path).toBe(false);
      const { frontmatter } = splitFrontmatter(file.contents);
      if (frontmatter !== undefined && file.target !== "cursor") {
        const doc = parseDocument(frontmatter);
        expect(doc.errors, file.path).toEqual([]);
      }
    }
  });
});

describe("no HTML escaping", () => {
  it("never writes &lt; &gt; &amp; &#x27; or their kin, in the corpus or the goldens", () => {
    const outputs = [...compile(personas).files, ...cases.flatMap((name) => compileCase(name).files)];
    // No corpus file or fixture holds an entity, so any in the output was introduced by escaping.
    const offending = outputs.filter((f) => ENTITIES.test(f.contents));
    expect(offending.map((f) => f.path)).toEqual([]);
  });
});
