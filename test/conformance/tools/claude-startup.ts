import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { scratchDir } from "../project.js";
import type { Sandbox } from "../sandbox.js";
import type { Finding } from "../tool.js";

/** An agent the start-up loader must list: its file, the name Claude Code keys it by, its description. */
export interface ExpectedAgent {
  file: string;
  name: string;
  description: string | undefined;
}

const VIA_SCREEN = "claude start-up (@ autocomplete)";
const VIA_LOG = "claude start-up (--debug-file)";
const READY_MS = 60_000;
const ANSWER_MS = 8_000;
// Only names that are safe to type: the session must never receive a key that submits a prompt.
const TYPABLE = /^[A-Za-z0-9._-]+$/;

function tmux(socket: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("tmux", ["-S", socket, ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tmux ${args.join(" ")}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

async function waitFor(what: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await what()) return true;
    await sleep(150);
  }
  return false;
}

/** The suggestion lines under the prompt: `+ path` for files, `* name (agent)  description` for agents. */
function suggestions(screen: string): string[] {
  return screen.split("\n").filter((line) => /^\s+[+*] \S/.test(line));
}

function agentLine(screen: string, name: string): string | undefined {
  return suggestions(screen).find((line) => line.trimStart().startsWith(`* ${name} (agent)`));
}

// The autocomplete cuts a long description with "…"; what it shows must begin the one we wrote.
function describes(line: string, name: string, description: string | undefined): boolean {
  const shown = line.trimStart().slice(`* ${name} (agent)`.length).trim();
  const expected = (description ?? "").replace(/\s+/g, " ").trim();
  if (shown.endsWith("…")) return shown.length > 1 && expected.startsWith(shown.slice(0, -1).trimEnd());
  return shown === expected;
}

/** Types `@<name>` over whatever the prompt holds and returns the screen once the list answered. */
async function askAutocomplete(socket: string, name: string): Promise<string> {
  await tmux(socket, ["send-keys", "C-u"]);
  await tmux(socket, ["send-keys", "-l", `@${name}`]);
  let screen = "";
  // The prompt is "❯", a no-break space, then the input.
  const typed = new RegExp(`^❯\\s@${name.replace(/\./g, "\\.")}\\s*$`, "m");
  await waitFor(async () => {
    screen = await tmux(socket, ["capture-pane", "-p"]);
    // Answered once the list holds this name (the agent file at least); until then it may still
    // show the previous query's list.
    return typed.test(screen) && suggestions(screen).some((line) => line.includes(name));
  }, ANSWER_MS);
  if (agentLine(screen, name) !== undefined) return screen;
  // File suggestions can arrive before agent ones: give the list a moment before calling it absent.
  await sleep(400);
  return tmux(socket, ["capture-pane", "-p"]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends only this suite's own tmux server (its private socket) and the Claude Code inside it, and
 * waits for Claude Code to exit: it still writes into the scratch HOME while it shuts down.
 */
async function endSession(socket: string): Promise<void> {
  const pid = Number(await tmux(socket, ["display-message", "-p", "#{pane_pid}"]).catch(() => ""));
  await tmux(socket, ["kill-server"]).catch(() => "");
  if (Number.isInteger(pid) && pid > 0) await waitFor(async () => !alive(pid), 5_000);
}

/** `[ERROR]`/`[WARN]` lines of the debug log that name a file under the project. */
function logFindings(log: string, root: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of log.split("\n")) {
    if (!/\[(ERROR|WARN)\]/.test(line) || !line.includes(`${root}/`)) continue;
    const path = new RegExp(`${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/([^\\s:"']+)`).exec(line)?.[1] ?? ".";
    findings.push({ file: path, via: VIA_LOG, message: line.replace(/^\S+Z /, "") });
  }
  return findings;
}

/**
 * Runs Claude Code's real start-up loader, as TARGETS.md §8 describes: `claude --debug-file` in a
 * private tmux server, in `root`, with a scratch HOME whose `~/.claude.json` has finished
 * onboarding and trusts the folder. Each agent is looked up by typing `@<name>` (never Enter, so
 * nothing reaches a model) and must appear as `* <name> (agent)` with its description; the debug
 * log must hold no `[ERROR]` or `[WARN]` line about a file of the project.
 */
export async function checkStartup(
  binary: string,
  root: string,
  agents: readonly ExpectedAgent[],
  sandbox: Sandbox,
): Promise<Finding[]> {
  const home = await scratchDir("claude-home");
  const socket = join(home, "tmux.sock");
  const log = join(home, "debug.log");
  const config = { hasCompletedOnboarding: true, projects: { [root]: { hasTrustDialogAccepted: true } } };
  await writeFile(join(home, ".claude.json"), JSON.stringify(config));
  const findings: Finding[] = [];
  try {
    // The tmux server starts inside the sandbox, so Claude Code inherits its cut network; the
    // clients below only talk to it through the socket file.
    // A pane that stays after Claude Code exits keeps its last words on the screen for the report.
    const conf = join(home, "tmux.conf");
    await writeFile(conf, "set -g remain-on-exit on\n");
    const args = ["-S", socket, "-f", conf, "new-session", "-d", "-x", "200", "-y", "50", "-c", root];
    const started = await sandbox.run("tmux", [...args, binary, "--debug-file", log], { cwd: root, home });
    if (started.code !== 0) throw new Error(`tmux did not start Claude Code: ${started.stderr}`);
    let screen = "";
    let exited = false;
    const ready = await waitFor(async () => {
      screen = await tmux(socket, ["capture-pane", "-p"]);
      exited = (await tmux(socket, ["display-message", "-p", "#{pane_dead}"])).trim() === "1";
      return exited || /^❯/m.test(screen);
    }, READY_MS);
    if (!ready || exited) {
      const why = exited ? "Claude Code exited before its prompt" : `no prompt after ${READY_MS} ms`;
      return [{ file: ".", via: VIA_SCREEN, message: `${why}; screen:\n${screen.replace(/\n\s*(?=\n)/g, "").trim()}` }];
    }
    for (const agent of agents) {
      if (!TYPABLE.test(agent.name)) {
        findings.push({ file: agent.file, via: VIA_SCREEN, message: `name ${JSON.stringify(agent.name)} not typed` });
        continue;
      }
      const answer = await askAutocomplete(socket, agent.name);
      const line = agentLine(answer, agent.name);
      if (line === undefined) {
        const shown = suggestions(answer).map((s) => s.trim());
        const message = `"* ${agent.name} (agent)" is not in the @${agent.name} list: ${JSON.stringify(shown)}`;
        findings.push({ file: agent.file, via: VIA_SCREEN, message });
      } else if (!describes(line, agent.name, agent.description)) {
        findings.push({ file: agent.file, via: VIA_SCREEN, message: `listed as ${JSON.stringify(line.trim())}` });
      }
    }
    await tmux(socket, ["send-keys", "C-u"]);
    findings.push(...logFindings(await readFile(log, "utf8").catch(() => ""), root));
    return findings;
  } finally {
    await endSession(socket);
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
