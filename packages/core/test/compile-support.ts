import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type CompileResult, compile, type Persona, parsePersona } from "../src/index.js";

/** The repository root; fixture personas are parsed with paths relative to it, as the CLI does. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const FIXTURES = join(ROOT, "test/fixtures/compile");
export const GOLDEN = join(ROOT, "test/golden");

/** Every file under a folder, as POSIX paths relative to it, sorted. */
export function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) visit(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** The golden cases: one folder of persona files each under test/fixtures/compile. */
export const cases = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort();

/** Parses a case's personas; a fixture that does not parse is a broken test, so it throws. */
export function casePersonas(name: string): Persona[] {
  const dir = join(FIXTURES, name);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => {
      const path = `test/fixtures/compile/${name}/${file}`;
      const result = parsePersona(readFileSync(join(dir, file), "utf8"), { path });
      if (!result.persona) throw new Error(`${path} does not parse: ${JSON.stringify(result.diagnostics)}`);
      return result.persona;
    });
}

/** Existing output files of a case (its `existing/` folder), as `compile({ existing })` takes them. */
export function caseExisting(name: string): Map<string, string> {
  const dir = join(FIXTURES, name, "existing");
  return new Map(walk(dir).map((path) => [path, readFileSync(join(dir, path), "utf8")]));
}

/** Compiles a case to every target. */
export function compileCase(name: string): CompileResult {
  return compile(casePersonas(name), { existing: caseExisting(name) });
}

/** Splits a generated markdown file into its frontmatter text and the rest. */
export function splitFrontmatter(contents: string): { frontmatter?: string; body: string } {
  const m = /^---\n([\s\S]*?\n)---\n/.exec(contents);
  return m ? { frontmatter: m[1] as string, body: contents.slice(m[0].length) } : { body: contents };
}
