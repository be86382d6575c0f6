// Claude Code's own loaders, offline (TARGETS.md §8): `claude plugin validate` and the start-up
// loader. Subagents are `.claude/agents/*.md` with YAML frontmatter; `name` and `description` are
// required, and an agent without a description, or whose frontmatter is not YAML, is not loaded:
// https://code.claude.com/docs/en/sub-agents
import { readFile, rm } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { platformBinary } from "../install.js";
import {
  breakFrontmatter,
  copyRoot,
  editFrontmatter,
  frontmatterData,
  listFiles,
  nthOf,
  scratchDir,
} from "../project.js";
import type { Sandbox } from "../sandbox.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";
import { checkStartup, type ExpectedAgent } from "./claude-startup.js";

const PACKAGE: ToolPackage = { name: "@anthropic-ai/claude-code", version: "2.1.332" };
const AGENTS_DIR = ".claude/agents";
const VIA_VALIDATE = "claude plugin validate --strict --json";

/** Every generated subagent, with the name and description its own frontmatter gives it. */
async function expectedAgents(root: string): Promise<ExpectedAgent[]> {
  const files = await listFiles(root, AGENTS_DIR, (name) => name.endsWith(".md"));
  return Promise.all(
    files.map(async (file) => {
      const data = frontmatterData(await readFile(join(root, file), "utf8")) ?? {};
      const name = typeof data["name"] === "string" ? data["name"] : basename(file, ".md");
      const description = typeof data["description"] === "string" ? data["description"] : undefined;
      return { file, name, description };
    }),
  );
}

interface ValidateEntry {
  file?: string;
  errors?: Array<{ path?: string; message?: string }>;
  warnings?: Array<{ path?: string; message?: string }>;
}

/**
 * `claude plugin validate --strict --json <root>` checks the skills, agents and commands under
 * `<root>/.claude`; with `--strict` a warning (a missing description is only a warning here) fails
 * too. Its JSON lists only the files with problems.
 */
async function checkValidate(binary: string, root: string, sandbox: Sandbox): Promise<Finding[]> {
  const home = await scratchDir("claude-validate-home");
  const result = await sandbox.run(binary, ["plugin", "validate", "--strict", "--json", root], { cwd: root, home });
  await rm(home, { recursive: true, force: true });
  let report: { manifest?: ValidateEntry | null; contents?: ValidateEntry[] };
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    return [{ file: ".", via: VIA_VALIDATE, message: `exit ${result.code}: ${result.stdout}${result.stderr}` }];
  }
  const findings: Finding[] = [];
  for (const entry of [report.manifest, ...(report.contents ?? [])]) {
    if (!entry) continue;
    const file = entry.file ? relative(root, entry.file) || "." : ".";
    for (const issue of [...(entry.errors ?? []), ...(entry.warnings ?? [])]) {
      findings.push({ file, via: VIA_VALIDATE, message: `${issue.path ?? ""}: ${issue.message ?? ""}` });
    }
  }
  if (findings.length === 0 && result.code !== 0) {
    findings.push({ file: ".", via: VIA_VALIDATE, message: `exit ${result.code}: ${result.stderr}` });
  }
  return findings;
}

async function nthAgent(root: string, n: number): Promise<string> {
  return nthOf(await listFiles(root, AGENTS_DIR, (name) => name.endsWith(".md")), n, `files in ${root}/${AGENTS_DIR}`);
}

const breakages: Breakage[] = [
  {
    title: "an agent without a description is not loaded",
    async apply(root) {
      const file = await nthAgent(root, 0);
      await editFrontmatter(join(root, file), (document) => document.delete("description"));
      return file;
    },
    expect: [
      { via: /plugin validate/, message: /No description in frontmatter/ },
      { via: /autocomplete/, message: /is not in the @/ },
      { via: /debug-file/, message: /\[ERROR\].*Missing required "description"/ },
    ],
  },
  {
    title: "an agent whose frontmatter is not YAML is not loaded",
    async apply(root) {
      const file = await nthAgent(root, 1);
      await breakFrontmatter(join(root, file));
      return file;
    },
    expect: [
      { via: /plugin validate/, message: /YAML frontmatter failed to parse/ },
      { via: /autocomplete/, message: /is not in the @/ },
      { via: /debug-file/, message: /\[ERROR\].*failed to parse/ },
    ],
  },
];

/** Claude Code: the plugin validator and the start-up loader read every generated subagent. */
export const claude: ConformanceTool = {
  id: "claude",
  title: `Claude Code (${PACKAGE.name}@${PACKAGE.version})`,
  packages: [PACKAGE],
  async check(root, { sandbox }) {
    const binary = platformBinary(PACKAGE, "claude");
    const copy = await copyRoot(root, "claude");
    try {
      const agents = await expectedAgents(copy);
      const findings = [
        ...(await checkValidate(binary, copy, sandbox)),
        ...(await checkStartup(binary, copy, agents, sandbox)),
      ];
      return { checked: agents.map((a) => a.file), findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
};
