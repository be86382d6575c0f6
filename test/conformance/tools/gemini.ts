// Gemini CLI's own loaders, offline (TARGETS.md §8). Subagents are `.gemini/agents/*.md` with a
// strict frontmatter schema (unknown keys, a missing description and tool names Gemini does not
// have are errors); custom commands are `.gemini/commands/**/*.toml` with a required `prompt`, named
// by their path (`persona/qa.toml` → `/persona:qa`), descriptions cut to 100 characters.
// https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md
// https://github.com/google-gemini/gemini-cli/blob/main/docs/cli/custom-commands.md
import { readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { packageFile } from "../install.js";
import { runLoaderScript } from "../node-loader.js";
import {
  copyRoot,
  editFrontmatter,
  editToml,
  frontmatterData,
  listFiles,
  nthOf,
  stringField,
  tomlData,
} from "../project.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

// The CLI's bundle carries core too (`loadAgentsFromDirectory` included), so @google/gemini-cli-core
// (377 MB) is not installed: the CLI is what users run, and it weighs 100 MB.
const PACKAGE: ToolPackage = { name: "@google/gemini-cli", version: "0.61.0" };
const AGENTS_DIR = ".gemini/agents";
const COMMANDS_DIR = ".gemini/commands";
const VIA_AGENTS = "loadAgentsFromDirectory";
const VIA_COMMANDS = "FileCommandLoader";

interface LoaderOutput {
  agents: Array<{ name: string; description?: string; file?: string }>;
  errors: Array<{ file?: string; message: string }>;
  commands: Array<{ name: string; description?: string }>;
  feedback: Array<{ severity: string; message: string }>;
}

/** A path the loader printed, relative to the root; "." for one outside it. */
function relativeTo(root: string, path: string | undefined): string {
  return path?.startsWith(`${root}/`) ? path.slice(root.length + 1) : ".";
}

// The loader reads the folder's own `*.md` files, not subfolders, and skips names starting with `_`.
async function agentFiles(root: string): Promise<string[]> {
  const files = await listFiles(root, AGENTS_DIR, (name) => name.endsWith(".md") && !name.startsWith("_"));
  return files.filter((file) => !file.slice(AGENTS_DIR.length + 1).includes("/"));
}

async function checkAgents(root: string, output: LoaderOutput, files: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = output.errors.map((e) => ({
    file: relativeTo(root, e.file),
    via: VIA_AGENTS,
    message: e.message,
  }));
  for (const file of files) {
    const data = frontmatterData(await readFile(join(root, file), "utf8"));
    const name = stringField(data, "name") ?? basename(file, ".md");
    const loaded = output.agents.find((a) => a.file === join(root, file));
    if (loaded === undefined) {
      if (!findings.some((f) => f.file === file)) findings.push({ file, via: VIA_AGENTS, message: "not loaded" });
    } else if (loaded.name !== name || loaded.description !== stringField(data, "description")) {
      const message = `loaded as ${JSON.stringify({ name: loaded.name, description: loaded.description })}`;
      findings.push({ file, via: VIA_AGENTS, message });
    }
  }
  return findings;
}

/** The name Gemini CLI gives a command file: its path under the commands folder, `/` → `:`. */
function commandName(file: string): string {
  return file
    .slice(COMMANDS_DIR.length + 1, -".toml".length)
    .split("/")
    .join(":");
}

async function checkCommands(root: string, output: LoaderOutput, files: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { message } of output.feedback) {
    const file = files.find((f) => message.includes(join(root, f))) ?? ".";
    findings.push({ file, via: VIA_COMMANDS, message });
  }
  for (const file of files) {
    const name = commandName(file);
    const listed = output.commands.find((c) => c.name === name);
    const description = stringField(tomlData(await readFile(join(root, file), "utf8")), "description");
    if (listed === undefined) {
      if (!findings.some((f) => f.file === file)) {
        const message = `/${name} is not listed: ${JSON.stringify(output.commands.map((c) => `/${c.name}`))}`;
        findings.push({ file, via: VIA_COMMANDS, message });
      }
    } else if (description !== undefined && listed.description !== description) {
      // Longer than 100 characters: the command list shows it cut.
      const message = `/${name} is listed with the description ${JSON.stringify(listed.description)}`;
      findings.push({ file, via: VIA_COMMANDS, message });
    }
  }
  return findings;
}

async function nth(root: string, files: (root: string) => Promise<string[]>, n: number): Promise<string> {
  return nthOf(await files(root), n, `Gemini files of this kind in ${root}`);
}

const commandFiles = (root: string) => listFiles(root, COMMANDS_DIR, (name) => name.endsWith(".toml"));

function agentBreakage(title: string, n: number, edit: Parameters<typeof editFrontmatter>[1], message: RegExp) {
  return {
    title,
    async apply(root: string) {
      const file = await nth(root, agentFiles, n);
      await editFrontmatter(join(root, file), edit);
      return file;
    },
    expect: [{ via: /loadAgentsFromDirectory/, message }],
  } satisfies Breakage;
}

const breakages: Breakage[] = [
  // Claude Code's keys and tool names, copied over: what the vocabulary table maps or leaves out.
  agentBreakage(
    "an agent with a key Gemini does not know",
    0,
    (document) => document.set("color", "blue"),
    /Unrecognized key\(s\) in object: 'color'/,
  ),
  agentBreakage(
    "an agent with a Claude tool name",
    1,
    (document) => document.set("tools", ["Read"]),
    /tools\.0: Invalid tool name/,
  ),
  agentBreakage(
    "an agent without a description",
    2,
    (document) => document.delete("description"),
    /description: Required/,
  ),
  {
    title: "a command without a prompt",
    async apply(root) {
      const file = await nth(root, commandFiles, 0);
      await editToml(join(root, file), (table) => {
        delete table["prompt"];
      });
      return file;
    },
    expect: [{ via: /FileCommandLoader/, message: /Skipping invalid command file.*The 'prompt' field is required/ }],
  },
];

/** Gemini CLI: every generated subagent loads with its description, and every command is listed. */
export const gemini: ConformanceTool = {
  id: "gemini",
  title: `Gemini CLI (${PACKAGE.name}@${PACKAGE.version})`,
  packages: [PACKAGE],
  async check(root, { sandbox }) {
    const copy = await copyRoot(root, "gemini");
    try {
      const agents = await agentFiles(copy);
      const commands = await commandFiles(copy);
      const answer = await runLoaderScript<LoaderOutput>(
        sandbox,
        "gemini-loader.mjs",
        [packageFile(PACKAGE, "bundle"), copy],
        copy,
      );
      const checked = [...agents, ...commands];
      if (!answer.ok) return { checked, findings: [{ file: ".", via: "gemini-loader.mjs", message: answer.message }] };
      const findings = [
        ...(await checkAgents(copy, answer.value, agents)),
        ...(await checkCommands(copy, answer.value, commands)),
      ];
      return { checked, findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
};
