// Cline's own rule parser, offline (TARGETS.md §8): `parseRuleConfigFromMarkdown` from @cline/core,
// the SDK inside the `cline` CLI. Rules are `.clinerules/*.md`; an optional YAML frontmatter
// `paths:` (a list of globs) makes a rule conditional, and a frontmatter that is not YAML makes the
// parser throw. The parser keeps `paths` as written, so the check compares it with what the
// persona means.
// https://docs.cline.bot/customization/cline-rules
import { readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Persona } from "../../../packages/core/src/index.js";
import { packageModule } from "../install.js";
import { runLoaderScript } from "../node-loader.js";
import { breakFrontmatter, copyRoot, editFrontmatter, frontmatterData, listFiles, nthOf } from "../project.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

const PACKAGE: ToolPackage = { name: "cline", version: "3.0.65" };
const RULES_DIR = ".clinerules";
const VIA = "parseRuleConfigFromMarkdown";

type ParsedRule = { file: string; frontmatter: Record<string, unknown> } | { file: string; error: string };

/**
 * The globs a persona means its rule to apply to: an override under `targets.cline.paths` (a list,
 * or a comma-separated string), else its file triggers as its source writes them. None: the rule
 * applies always (`targets.cline.always`), with no `paths`.
 */
function meantPaths(persona: Persona): string[] {
  const override = persona.targets["cline"]?.["paths"];
  const globs = typeof override === "string" ? override.split(",") : Array.isArray(override) ? override : undefined;
  return (globs ?? persona.triggers.files).map((glob) => String(glob).trim()).filter((glob) => glob !== "");
}

function sameList(read: unknown, meant: readonly string[]): boolean {
  if (meant.length === 0) return read === undefined;
  if (!Array.isArray(read) || !read.every((g) => typeof g === "string")) return false;
  const left = [...new Set(read)].sort();
  const right = [...new Set(meant)].sort();
  return left.length === right.length && left.every((g, i) => g === right[i]);
}

function ruleFinding(rule: ParsedRule, personas: readonly Persona[]): Finding | undefined {
  if ("error" in rule) return { file: rule.file, via: VIA, message: rule.error };
  const id = basename(rule.file, ".md");
  const persona = personas.find((p) => p.id === id);
  if (persona === undefined) return { file: rule.file, via: VIA, message: `no bundled persona has the id "${id}"` };
  const meant = meantPaths(persona);
  const read = rule.frontmatter["paths"];
  if (sameList(read, meant)) return undefined;
  const message = `read "paths": ${JSON.stringify(read)}; persona ${id} means ${meant.length > 0 ? JSON.stringify(meant) : "no paths"}`;
  return { file: rule.file, via: VIA, message };
}

const ruleFiles = (root: string) => listFiles(root, RULES_DIR, (name) => name.endsWith(".md"));

/** The n-th rule file whose frontmatter has `paths` (sorted), so a breakage damages a conditional rule. */
async function nthConditional(root: string, n: number): Promise<string> {
  const conditional: string[] = [];
  for (const file of await ruleFiles(root)) {
    if (frontmatterData(await readFile(join(root, file), "utf8"))?.["paths"] !== undefined) conditional.push(file);
  }
  return nthOf(conditional, n, `rules with paths in ${root}/${RULES_DIR}`);
}

const breakages: Breakage[] = [
  {
    title: "a rule whose frontmatter is not YAML",
    async apply(root) {
      const file = await nthConditional(root, 0);
      await breakFrontmatter(join(root, file));
      return file;
    },
    expect: [{ via: /parseRuleConfigFromMarkdown/, message: /^Failed to parse YAML frontmatter: / }],
  },
  {
    title: "a rule whose paths are one string, not a list",
    async apply(root) {
      const file = await nthConditional(root, 1);
      await editFrontmatter(join(root, file), (document) => {
        const paths = document.toJS() as { paths?: unknown };
        document.set("paths", Array.isArray(paths.paths) ? paths.paths.join(",") : "**");
      });
      return file;
    },
    expect: [{ via: /parseRuleConfigFromMarkdown/, message: /^read "paths": "[^"]*"; persona \S+ means \["/ }],
  },
];

/** Cline: every generated rule parses, with the `paths` its persona means. */
export const cline: ConformanceTool = {
  id: "cline",
  title: `Cline (${PACKAGE.name}@${PACKAGE.version}, @cline/core)`,
  packages: [PACKAGE],
  async check(root, { sandbox, personas }) {
    const copy = await copyRoot(root, "cline");
    try {
      const files = await ruleFiles(copy);
      const answer = await runLoaderScript<ParsedRule[]>(
        sandbox,
        "cline-loader.mjs",
        [packageModule(PACKAGE, "@cline/core"), copy, ...files],
        copy,
      );
      if (!answer.ok)
        return { checked: files, findings: [{ file: ".", via: "cline-loader.mjs", message: answer.message }] };
      const findings = answer.value.flatMap((rule) => ruleFinding(rule, personas) ?? []);
      return { checked: files, findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
};
