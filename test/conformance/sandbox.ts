import { execFile, spawnSync } from "node:child_process";
import type { RunResult } from "../helpers/cli.js";

/**
 * How the loaders are kept off the network. `unshare -n` (as root) or `unshare -rn` (an
 * unprivileged user namespace) gives the process a network namespace with only a downed loopback,
 * so nothing can connect anywhere. Where neither works, every proxy variable points at a closed
 * local port instead: tools that honour proxies then fail to connect, but a tool that ignores
 * them would still reach the network, so this mode is weaker and the suite says which one ran.
 */
export type NetworkCut = "unshare -n" | "unshare -rn" | "proxy variables";

/** Options of one sandboxed run. */
export interface SandboxRunOptions {
  cwd: string;
  /** The scratch HOME: the loaders read and write their config there, never in the user's home. */
  home: string;
  /** Variables added to the minimal environment. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
}

/** Runs commands with no network, a scratch HOME and nothing of the caller's environment. */
export interface Sandbox {
  cut: NetworkCut;
  run(command: string, args: readonly string[], options: SandboxRunOptions): Promise<RunResult>;
}

const CLOSED_PORT = "http://127.0.0.1:9";
const PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

/**
 * Every proxy variable pointed at a closed local port. Inside a network namespace nothing connects
 * anyway, but a tool that honours proxies then fails at once instead of waiting out a DNS timeout:
 * Codex's start-up checks take about 5 s less with these set.
 */
export function closedProxyEnv(): Record<string, string> {
  return { ...Object.fromEntries(PROXY_VARIABLES.map((name) => [name, CLOSED_PORT])), NO_PROXY: "" };
}

function detectCut(): NetworkCut {
  if (spawnSync("unshare", ["-n", "true"]).status === 0) return "unshare -n";
  if (spawnSync("unshare", ["-rn", "true"]).status === 0) return "unshare -rn";
  return "proxy variables";
}

// Only what a terminal program needs: the caller's tokens, proxies and config paths stay out, so
// no loader can log in or find the developer's own settings.
function minimalEnv(cut: NetworkCut, options: SandboxRunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: options.home,
    PATH: "/usr/local/bin:/usr/bin:/bin",
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    ...options.env,
  };
  return cut === "proxy variables" ? { ...env, ...closedProxyEnv() } : env;
}

/** Creates the sandbox, choosing the strongest network cut this machine allows. */
export function createSandbox(): Sandbox {
  const cut = detectCut();
  const prefix = cut === "proxy variables" ? [] : ["unshare", cut === "unshare -n" ? "-n" : "-rn"];
  return {
    cut,
    run(command, args, options) {
      const [file, ...rest] = [...prefix, command, ...args] as [string, ...string[]];
      return new Promise((resolve) => {
        execFile(
          file,
          rest,
          {
            cwd: options.cwd,
            env: minimalEnv(cut, options),
            timeout: options.timeoutMs ?? 60_000,
            maxBuffer: 64 * 1024 * 1024,
            encoding: "utf8",
          },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
            resolve({ code, stdout, stderr: error !== null && code === null ? `${stderr}${error.message}` : stderr });
          },
        );
      });
    },
  };
}
