// GitHub Copilot CLI's own loader, offline (TARGETS.md §8): `copilot instruction list --json` lists
// the instruction files a session would load (AGENTS.md too), with `applyTo` split into an array.
// It needs no login; custom agents (`.agent.md`) are not loaded while logged out, so they have no
// offline check.
// https://docs.github.com/copilot/customizing-copilot/adding-repository-custom-instructions-for-github-copilot
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Persona } from "../../../packages/core/src/index.js";
import { packageDir, platformBinary } from "../install.js";
import { copyRoot, editFrontmatter, frontmatterData, listFiles, scratchDir } from "../project.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

const PACKAGE: ToolPackage = { name: "@github/copilot", version: "1.0.102" };
const VIA = "copilot instruction list --json";
const REPOSITORY_FILE = ".github/copilot-instructions.md";
// The CLI reads AGENTS.md at the repository root as well (listed with `"type": "model"`).
const AGENTS_MD = "AGENTS.md";
const LISTED_ONLY = [REPOSITORY_FILE, AGENTS_MD];
const INSTRUCTIONS_DIR = ".github/instructions";
const INSTRUCTIONS_SUFFIX = ".instructions.md";

// The native binary unpacks its runtime into $XDG_CACHE_HOME/copilot/pkg when it starts (4–7 s
// here, on every start with a fresh HOME). Kept beside the install, a start takes about 2 s. That
// folder holds the unpacked package only: config and login live under the scratch HOME.
function runtimeEnv(): Record<string, string> {
  return { XDG_CACHE_HOME: join(packageDir(PACKAGE), "runtime-cache") };
}

interface ListedInstruction {
  sourcePath?: string;
  applyTo?: unknown;
}

/**
 * The globs a persona means an instructions file to apply to: its file triggers, as its source
 * writes them. The compiler rewrites two cases for Copilot, which splits `applyTo` on commas: an
 * override under `targets.copilot.applyTo`, and brace groups (`*.{ts,tsx}`), which it expands. For
 * those the file's own frontmatter is the statement of intent, split the way Copilot documents.
 */
function meantGlobs(persona: Persona, fileText: string): string[] {
  const globs = persona.triggers.files.map((g) => g.trim());
  if (persona.targets["copilot"]?.["applyTo"] === undefined && !globs.some((g) => /\{.*,.*\}/.test(g))) return globs;
  const written = frontmatterData(fileText)?.["applyTo"];
  return typeof written === "string" ? written.split(",").map((g) => g.trim()) : [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

async function checkInstruction(
  root: string,
  file: string,
  listed: ListedInstruction,
  personas: readonly Persona[],
): Promise<Finding | undefined> {
  const id = basename(file, INSTRUCTIONS_SUFFIX);
  const persona = personas.find((p) => p.id === id);
  if (persona === undefined) return { file, via: VIA, message: `no bundled persona has the id ${JSON.stringify(id)}` };
  const meant = meantGlobs(persona, await readFile(join(root, file), "utf8"));
  const read = listed.applyTo;
  if (Array.isArray(read) && read.every((g) => typeof g === "string") && sameSet(read, meant)) return undefined;
  const message = `listed with "applyTo": ${JSON.stringify(read)}; persona ${id} means ${JSON.stringify(meant)}`;
  return { file, via: VIA, message };
}

const breakages: Breakage[] = [
  {
    title: "an instructions file that lost its applyTo",
    async apply(root) {
      const files = await listFiles(root, INSTRUCTIONS_DIR, (name) => name.endsWith(INSTRUCTIONS_SUFFIX));
      if (files[0] === undefined) throw new Error(`${root} has no ${INSTRUCTIONS_DIR}`);
      await editFrontmatter(join(root, files[0]), (document) => document.delete("applyTo"));
      return files[0];
    },
    expect: [{ via: /instruction list/, message: /"applyTo": undefined; persona \S+ means \["/ }],
  },
  {
    title: "an instructions file whose applyTo lost a glob",
    async apply(root) {
      const files = await listFiles(root, INSTRUCTIONS_DIR, (name) => name.endsWith(INSTRUCTIONS_SUFFIX));
      const file = files.find((f) => f !== files[0]);
      if (file === undefined) throw new Error(`${root} has fewer than two files in ${INSTRUCTIONS_DIR}`);
      await editFrontmatter(join(root, file), (document) => {
        const globs = String(document.get("applyTo")).split(",");
        if (globs.length < 2) throw new Error(`${file} has one glob: nothing to lose`);
        document.set("applyTo", globs.slice(0, -1).join(","));
      });
      return file;
    },
    expect: [{ via: /instruction list/, message: /"applyTo": \["[^\]]*\]; persona \S+ means \["/ }],
  },
];

/**
 * GitHub Copilot CLI: the repository instructions and AGENTS.md are listed, and every generated
 * instructions file with the globs its persona means.
 */
export const copilot: ConformanceTool = {
  id: "copilot",
  title: `GitHub Copilot CLI (${PACKAGE.name}@${PACKAGE.version})`,
  packages: [PACKAGE],
  async prepare(sandbox) {
    const home = await scratchDir("copilot-home");
    const result = await sandbox.run(platformBinary(PACKAGE, "copilot"), ["--version"], {
      cwd: home,
      home,
      env: runtimeEnv(),
    });
    await rm(home, { recursive: true, force: true });
    if (result.code !== 0) throw new Error(`copilot --version failed (${result.code}): ${result.stderr}`);
  },
  async check(root, { sandbox, personas }) {
    const binary = platformBinary(PACKAGE, "copilot");
    const copy = await copyRoot(root, "copilot");
    const home = await scratchDir("copilot-home");
    try {
      const result = await sandbox.run(binary, ["instruction", "list", "--json"], {
        cwd: copy,
        home,
        env: runtimeEnv(),
      });
      let entries: ListedInstruction[];
      try {
        entries = JSON.parse(result.stdout) as ListedInstruction[];
      } catch {
        const message = `exit ${result.code}: ${result.stdout}${result.stderr}`;
        return { checked: [], findings: [{ file: ".", via: VIA, message }] };
      }
      const instructions = await listFiles(copy, INSTRUCTIONS_DIR, (name) => name.endsWith(INSTRUCTIONS_SUFFIX));
      const checked = [...LISTED_ONLY.filter((file) => existsSync(join(copy, file))), ...instructions];
      const findings: Finding[] = [];
      for (const file of checked) {
        const listed = entries.find((e) => e.sourcePath === file);
        if (listed === undefined) {
          const seen = entries.map((e) => e.sourcePath);
          findings.push({ file, via: VIA, message: `not listed; the tool listed ${JSON.stringify(seen)}` });
        } else if (!LISTED_ONLY.includes(file)) {
          const finding = await checkInstruction(copy, file, listed, personas);
          if (finding) findings.push(finding);
        }
      }
      return { checked, findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    }
  },
  breakages,
};
