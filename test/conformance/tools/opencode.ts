// opencode's own loader, offline (TARGETS.md §8): `opencode agent list`, `opencode debug config`
// and `opencode debug agent <name>`. Agents are `.opencode/agents/**/*.md` (also the older `.opencode/agent/`), named by their
// path unless the frontmatter gives a `name`; `tools` must be a map, `color` `#rrggbb` or a theme
// colour, `mode` one of subagent/primary/all. A file that breaks the schema fails the whole command
// and only the first such file is named, so the check sets it aside and asks again.
// https://opencode.ai/docs/agents
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { RunResult } from "../../helpers/cli.js";
import { platformBinary } from "../install.js";
import { copyRoot, editFrontmatter, frontmatterData, listFiles, nthOf, scratchDir, stringField } from "../project.js";
import { closedProxyEnv, type Sandbox } from "../sandbox.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

const PACKAGE: ToolPackage = { name: "opencode-ai", version: "1.18.33" };
const AGENT_DIRS = [".opencode/agents", ".opencode/agent"];
const VIA_LIST = "opencode agent list";
const VIA_CONFIG = "opencode debug config";
const VIA_DEBUG = "opencode debug agent";

interface ExpectedAgent {
  file: string;
  name: string;
  data: Record<string, unknown>;
}

async function expectedAgents(root: string): Promise<ExpectedAgent[]> {
  const agents: ExpectedAgent[] = [];
  for (const dir of AGENT_DIRS) {
    for (const file of await listFiles(root, dir, (name) => name.endsWith(".md"))) {
      const data = frontmatterData(await readFile(join(root, file), "utf8")) ?? {};
      agents.push({ file, name: stringField(data, "name") ?? file.slice(dir.length + 1, -".md".length), data });
    }
  }
  return agents;
}

// The `-baseline` build runs on any x86-64 CPU; where only one build is installed it is that one.
function binary(): string {
  return platformBinary(PACKAGE, "bin/opencode", (name) => name.endsWith("-baseline"));
}

/**
 * One opencode run with a home of its own: runs at the same time on one home fail with "database
 * is locked" (opencode keeps its state in SQLite there).
 */
async function runOpencode(sandbox: Sandbox, root: string, args: readonly string[]): Promise<RunResult> {
  const home = await scratchDir("opencode-home");
  try {
    return await sandbox.run(binary(), args, {
      cwd: root,
      home,
      env: { ...closedProxyEnv(), OPENCODE_DISABLE_AUTOUPDATE: "1", OPENCODE_DISABLE_MODELS_FETCH: "1" },
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/**
 * `agent list` until it succeeds (`first` is its first run, made beside the other commands): each
 * schema error names one file, which is reported and set aside (deleted from the copy) so the next
 * run can name the next one. Returns the listing.
 */
async function listAgents(
  sandbox: Sandbox,
  root: string,
  agents: readonly ExpectedAgent[],
  first: RunResult,
  findings: Finding[],
): Promise<Map<string, string> | undefined> {
  let result = first;
  for (let attempt = 0; attempt <= agents.length; attempt++) {
    if (result.code === 0) {
      const listed = new Map<string, string>();
      for (const m of result.stdout.matchAll(/^(\S+) \((\w+)\)$/gm)) listed.set(m[1]!, m[2]!);
      return listed;
    }
    const message = result.stderr.replace(ANSI, "").trim();
    const path = /Configuration is invalid at (\S+)/.exec(message)?.[1];
    const agent = agents.find((a) => path === join(root, a.file));
    if (agent === undefined) {
      findings.push({ file: ".", via: VIA_LIST, message: `exit ${result.code}: ${message}` });
      return undefined;
    }
    findings.push({ file: agent.file, via: VIA_LIST, message });
    await rm(join(root, agent.file));
    result = await runOpencode(sandbox, root, ["agent", "list"]);
  }
  return undefined;
}

interface ResolvedAgent {
  description?: string;
  mode?: string;
  color?: string;
  model?: string | { providerID?: string; modelID?: string };
  tools?: Record<string, boolean>;
}

// opencode splits `model` at its first "/" into provider and model: `sonnet` silently becomes a
// provider named "sonnet" with no model, so a model must name both.
function modelParts(model: ResolvedAgent["model"]): [string, string] {
  if (typeof model === "object") return [model.providerID ?? "", model.modelID ?? ""];
  const at = model?.indexOf("/") ?? -1;
  return at < 0 ? [model ?? "", ""] : [model!.slice(0, at), model!.slice(at + 1)];
}

/**
 * Whether a tool switch of the file holds in the resolved agent. Turning off a tool that this
 * opencode does not have is a no-op, not a mismatch (its own names are lowercase: a `Bash: false`
 * beside a real `bash` still is one); turning one on that it lacks never holds.
 */
function toolResolved(tool: string, enabled: unknown, resolved: Record<string, boolean>): boolean {
  if (resolved[tool] === enabled) return true;
  if (resolved[tool] !== undefined || enabled !== false) return false;
  return !Object.keys(resolved).some((name) => name.toLowerCase() === tool.toLowerCase());
}

/** Where opencode's resolved agent differs from its file: description, mode, colour, model, tools. */
function mismatches(agent: ExpectedAgent, resolved: ResolvedAgent): string[] {
  const wrong: string[] = [];
  for (const key of ["description", "mode", "color"] as const) {
    if (resolved[key] !== agent.data[key]) wrong.push(`${key} ${JSON.stringify(resolved[key])}`);
  }
  if (agent.data["model"] !== undefined && modelParts(resolved.model).some((part) => part === "")) {
    wrong.push(`model ${JSON.stringify(resolved.model)}`);
  }
  const tools = agent.data["tools"];
  if (typeof tools === "object" && tools !== null) {
    for (const [tool, enabled] of Object.entries(tools)) {
      if (!toolResolved(tool, enabled, resolved.tools ?? {})) {
        wrong.push(`tool ${tool}: ${JSON.stringify(resolved.tools?.[tool])}`);
      }
    }
  }
  return wrong;
}

type JsonAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

async function runJson<T>(sandbox: Sandbox, root: string, args: readonly string[]): Promise<JsonAnswer<T>> {
  const result = await runOpencode(sandbox, root, args);
  try {
    return { ok: true, value: JSON.parse(result.stdout) as T };
  } catch {
    return { ok: false, message: `exit ${result.code}: ${result.stdout}${result.stderr.replace(ANSI, "")}`.trim() };
  }
}

interface Resolution {
  config: JsonAnswer<{ agent?: Record<string, ResolvedAgent> }>;
  probe?: { agent: ExpectedAgent; answer: JsonAnswer<ResolvedAgent> };
}

/**
 * Each agent as opencode resolves it. `debug config` resolves every agent in one run; `debug agent
 * <name>` (model split into provider and model, tools expanded) spends about 5 s of CPU per agent
 * on tool set-up, so it runs for one agent: the first with a model, where the split matters.
 */
async function resolveAgents(sandbox: Sandbox, root: string, agents: readonly ExpectedAgent[]): Promise<Resolution> {
  const probe = agents.find((a) => a.data["model"] !== undefined) ?? agents[0];
  const [config, answer] = await Promise.all([
    runJson<{ agent?: Record<string, ResolvedAgent> }>(sandbox, root, ["debug", "config"]),
    probe ? runJson<ResolvedAgent>(sandbox, root, ["debug", "agent", probe.name]) : undefined,
  ]);
  return { config, ...(probe && answer ? { probe: { agent: probe, answer } } : {}) };
}

/** Each listed agent, as resolved, must say what its file says. */
function resolvedFindings({ config, probe }: Resolution, agents: readonly ExpectedAgent[]): Finding[] {
  if (!config.ok) return [{ file: ".", via: VIA_CONFIG, message: config.message }];
  const findings: Finding[] = [];
  for (const agent of agents) {
    const resolved = config.value.agent?.[agent.name];
    const wrong = resolved === undefined ? ["nothing"] : mismatches(agent, resolved);
    if (wrong.length > 0) findings.push({ file: agent.file, via: VIA_CONFIG, message: `resolved ${wrong.join("; ")}` });
  }
  if (probe && agents.includes(probe.agent)) {
    const wrong = probe.answer.ok ? mismatches(probe.agent, probe.answer.value) : [probe.answer.message];
    if (wrong.length > 0)
      findings.push({ file: probe.agent.file, via: VIA_DEBUG, message: `resolved ${wrong.join("; ")}` });
  }
  return findings;
}

async function nthAgent(root: string, n: number): Promise<string> {
  return nthOf(
    await listFiles(root, AGENT_DIRS[0]!, (name) => name.endsWith(".md")),
    n,
    `files in ${root}/${AGENT_DIRS[0]}`,
  );
}

function breakage(title: string, n: number, edit: Parameters<typeof editFrontmatter>[1], message: RegExp): Breakage {
  return {
    title,
    async apply(root) {
      const file = await nthAgent(root, n);
      await editFrontmatter(join(root, file), edit);
      return file;
    },
    expect: [{ via: /agent list/, message }],
  };
}

const breakages: Breakage[] = [
  // Claude Code's `tools:` string, copied over: a schema error that fails every opencode command.
  breakage(
    "an agent whose tools are a Claude-style string",
    0,
    (document) => document.set("tools", "Read, Grep, Bash"),
    /Configuration is invalid at .*\n.*Expected object \| undefined, got "Read, Grep, Bash" tools/,
  ),
  breakage(
    "an agent with a colour opencode does not have",
    1,
    (document) => document.set("color", "blurple"),
    /Configuration is invalid at .*\n.*got "blurple" color/,
  ),
  breakage(
    "an agent with an unknown mode",
    2,
    (document) => document.set("mode", "bogus"),
    /Configuration is invalid at .*\n.*Expected "subagent" \| "primary" \| "all", got "bogus" mode/,
  ),
];

/** opencode: every generated agent is listed as a subagent and resolves to what its file says. */
export const opencode: ConformanceTool = {
  id: "opencode",
  title: `opencode (${PACKAGE.name}@${PACKAGE.version})`,
  packages: [PACKAGE],
  async check(root, { sandbox }) {
    // opencode writes `.opencode/.gitignore` into the project, and set-aside files are deleted.
    const copy = await copyRoot(root, "opencode");
    try {
      const agents = await expectedAgents(copy);
      const checked = agents.map((a) => a.file);
      const findings: Finding[] = [];
      // The three commands at once: on files opencode accepts (the usual case) one round is all.
      const [first, resolution] = await Promise.all([
        runOpencode(sandbox, copy, ["agent", "list"]),
        resolveAgents(sandbox, copy, agents),
      ]);
      const listed = await listAgents(sandbox, copy, agents, first, findings);
      if (listed === undefined) return { checked, findings };
      const loadable = agents.filter((a) => !findings.some((f) => f.file === a.file));
      for (const agent of loadable) {
        const mode = listed.get(agent.name);
        if (mode !== "subagent") {
          const shown = mode === undefined ? "not listed" : `listed as "${agent.name} (${mode})"`;
          findings.push({ file: agent.file, via: VIA_LIST, message: `${shown}, not "${agent.name} (subagent)"` });
        }
      }
      // Files set aside: the first resolution read them too and failed; resolve what is left.
      const resolved = loadable.length === agents.length ? resolution : await resolveAgents(sandbox, copy, loadable);
      findings.push(
        ...resolvedFindings(
          resolved,
          loadable.filter((a) => listed.has(a.name)),
        ),
      );
      return { checked, findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
};
