// OpenAI Codex CLI's own loaders, offline (TARGETS.md §8). Custom agents are
// `.codex/agents/<name>.toml` with `name`, `description` and `developer_instructions` required;
// unknown keys and a bad `sandbox_mode` make Codex ignore the file with a start-up warning.
// Project agents load only in a trusted project. AGENTS.md is read from the project root.
// https://developers.openai.com/codex/subagents https://developers.openai.com/codex/guides/agents-md
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { stringify as stringifyToml } from "smol-toml";
import type { RunResult } from "../../helpers/cli.js";
import { packageFile } from "../install.js";
import { copyRoot, editToml, listFiles, nthOf, scratchDir, stringField, tomlData } from "../project.js";
import { closedProxyEnv, type Sandbox } from "../sandbox.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

const PACKAGE: ToolPackage = { name: "@openai/codex", version: "0.171.0" };
const AGENTS_DIR = ".codex/agents";
const AGENTS_MD = "AGENTS.md";
const VIA_PROMPT = "codex debug prompt-input";
const VIA_DOCTOR = "codex doctor --json";
// The managed block of AGENTS.md, markers included: what Codex must pass on to the model verbatim.
const MANAGED_BLOCK = /<!-- persona:begin[\s\S]*?<!-- persona:end -->/;

interface ExpectedRole {
  file: string;
  name: string;
  description: string | undefined;
}

async function expectedRoles(root: string): Promise<ExpectedRole[]> {
  const files = await listFiles(root, AGENTS_DIR, (name) => name.endsWith(".toml"));
  return Promise.all(
    files.map(async (file) => {
      const data = tomlData(await readFile(join(root, file), "utf8"));
      return {
        file,
        name: stringField(data, "name") ?? basename(file, ".toml"),
        description: stringField(data, "description"),
      };
    }),
  );
}

/**
 * A scratch `CODEX_HOME` whose config trusts `root` (else Codex ignores project agents silently)
 * and skips the update check (it waits on the network).
 */
async function codexHome(root: string): Promise<string> {
  const home = await scratchDir("codex-home");
  const config = { check_for_update_on_startup: false, projects: { [root]: { trust_level: "trusted" } } };
  await mkdir(join(home, "codex"));
  await writeFile(join(home, "codex", "config.toml"), `${stringifyToml(config)}\n`);
  return home;
}

/** Runs the package's own launcher (it picks the platform binary) with a home of its own. */
async function runCodex(sandbox: Sandbox, root: string, args: readonly string[]): Promise<RunResult> {
  const home = await codexHome(root);
  try {
    return await sandbox.run(process.execPath, [packageFile(PACKAGE, "bin/codex.js"), ...args], {
      cwd: root,
      home,
      env: { CODEX_HOME: join(home, "codex"), ...closedProxyEnv() },
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Every string in a JSON value, depth first: the prompt input nests tools in namespaces. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

/** `Available roles:` in the spawn_agent tool's `agent_type` description: `<name>: {\n<description>\n}`. */
function listedRoles(texts: readonly string[]): Map<string, string> {
  const roles = new Map<string, string>();
  for (const text of texts) {
    const at = text.indexOf("Available roles:\n");
    if (at < 0) continue;
    for (const m of text.slice(at).matchAll(/^([^\s:{}]+): \{\n([\s\S]*?)\n\}$/gm)) roles.set(m[1]!, m[2]!.trim());
  }
  return roles;
}

async function checkPromptInput(sandbox: Sandbox, root: string, roles: readonly ExpectedRole[]): Promise<Finding[]> {
  const result = await runCodex(sandbox, root, ["debug", "prompt-input", "hi"]);
  let texts: string[];
  try {
    texts = strings(JSON.parse(result.stdout));
  } catch {
    return [{ file: ".", via: VIA_PROMPT, message: `exit ${result.code}: ${result.stdout}${result.stderr}` }];
  }
  const listed = listedRoles(texts);
  const findings: Finding[] = [];
  for (const role of roles) {
    const description = listed.get(role.name);
    if (description === undefined) {
      const message = `"${role.name}" is not among the available roles: ${JSON.stringify([...listed.keys()])}`;
      findings.push({ file: role.file, via: VIA_PROMPT, message });
    } else if (description !== role.description?.trim()) {
      findings.push({ file: role.file, via: VIA_PROMPT, message: `listed as ${JSON.stringify(description)}` });
    }
  }
  if (existsSync(join(root, AGENTS_MD))) {
    const text = await readFile(join(root, AGENTS_MD), "utf8");
    const meant = (MANAGED_BLOCK.exec(text)?.[0] ?? text).trim();
    const instructions = texts.filter((t) => t.startsWith(`# AGENTS.md instructions for ${root}`));
    if (!instructions.some((t) => t.includes(meant))) {
      const shown = instructions.map((t) => t.slice(0, 200));
      const message = `its ${meant === text.trim() ? "text" : "managed block"} is not in the prompt input; AGENTS.md instructions there: ${JSON.stringify(shown)}`;
      findings.push({ file: AGENTS_MD, via: VIA_PROMPT, message });
    }
  }
  return findings;
}

interface DoctorReport {
  checks?: Record<string, { details?: Record<string, unknown> }>;
}

/**
 * `codex doctor --json` exits 1 when logged out, so its output is read, not its exit code: every
 * `startup warning` detail that names a file of the project is a finding.
 */
async function checkDoctor(sandbox: Sandbox, root: string): Promise<Finding[]> {
  const result = await runCodex(sandbox, root, ["doctor", "--json"]);
  let report: DoctorReport;
  try {
    report = JSON.parse(result.stdout) as DoctorReport;
  } catch {
    return [{ file: ".", via: VIA_DOCTOR, message: `exit ${result.code}: ${result.stdout}${result.stderr}` }];
  }
  const findings: Finding[] = [];
  for (const check of Object.values(report.checks ?? {})) {
    for (const [key, value] of Object.entries(check.details ?? {})) {
      if (!key.startsWith("startup warning")) continue;
      for (const warning of strings(value)) {
        const at = warning.indexOf(`${root}/`);
        if (at < 0) continue;
        const file = /^[^\s:`'"]+/.exec(warning.slice(at + root.length + 1))?.[0] ?? ".";
        findings.push({ file, via: VIA_DOCTOR, message: warning.trim() });
      }
    }
  }
  return findings;
}

async function nthRole(root: string, n: number): Promise<string> {
  return nthOf(
    await listFiles(root, AGENTS_DIR, (name) => name.endsWith(".toml")),
    n,
    `files in ${root}/${AGENTS_DIR}`,
  );
}

function tomlBreakage(title: string, n: number, edit: (table: Record<string, unknown>) => void, doctor: RegExp) {
  return {
    title,
    async apply(root: string) {
      const file = await nthRole(root, n);
      await editToml(join(root, file), edit);
      return file;
    },
    expect: [
      { via: /doctor/, message: doctor },
      { via: /prompt-input/, message: /is not among the available roles/ },
    ],
  } satisfies Breakage;
}

const breakages: Breakage[] = [
  // Codex stops reading the AGENTS.md chain at 32 KiB (`project_doc_max_bytes`), silently: a user's
  // own text that grows above the block pushes the block out of what the model sees.
  {
    title: "an AGENTS.md whose managed block sits past Codex's 32 KiB",
    async apply(root) {
      const text = await readFile(join(root, AGENTS_MD), "utf8");
      await writeFile(
        join(root, AGENTS_MD),
        `${"The team's own notes, long enough to matter.\n".repeat(800)}\n${text}`,
      );
      return AGENTS_MD;
    },
    expect: [{ via: /prompt-input/, message: /its managed block is not in the prompt input/ }],
  },
  // A Claude subagent key copied over: the mistake the vocabulary table exists to prevent.
  tomlBreakage(
    "an agent with a key Codex does not know",
    0,
    (table) => {
      table["color"] = "blue";
    },
    /Ignoring malformed agent role definition: .*unknown field `color`/,
  ),
  tomlBreakage(
    "an agent without developer_instructions",
    1,
    (table) => {
      delete table["developer_instructions"];
    },
    /Ignoring malformed agent role definition: .*must define `developer_instructions`/,
  ),
  tomlBreakage(
    "an agent with a sandbox_mode Codex does not have",
    2,
    (table) => {
      table["sandbox_mode"] = "read_only";
    },
    /Ignoring malformed agent role definition: .*read_only/,
  ),
];

/** OpenAI Codex CLI: every generated role is offered to the model, and start-up warns about none. */
export const codex: ConformanceTool = {
  id: "codex",
  title: `OpenAI Codex CLI (${PACKAGE.name}@${PACKAGE.version})`,
  packages: [PACKAGE],
  async check(root, { sandbox }) {
    const copy = await copyRoot(root, "codex");
    try {
      const roles = await expectedRoles(copy);
      // Independent runs with homes of their own: together they take as long as the slower one.
      const [prompt, doctor] = await Promise.all([checkPromptInput(sandbox, copy, roles), checkDoctor(sandbox, copy)]);
      const checked = [...roles.map((r) => r.file), ...(existsSync(join(copy, AGENTS_MD)) ? [AGENTS_MD] : [])];
      return { checked, findings: [...prompt, ...doctor] };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
};
