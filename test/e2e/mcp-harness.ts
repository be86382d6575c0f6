import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// The SDK is a dependency of the CLI package only; the root has no copy to import by name.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

/** The built bin: e2e tests exercise exactly what users run. */
export const BIN =
  process.env["PERSONA_DEV_BIN"] ?? fileURLToPath(new URL("../../packages/cli/dist/persona.js", import.meta.url));

/** The pieces of a persona file a test cares about. */
export interface PersonaSpec {
  title?: string;
  description?: string;
  keywords?: readonly string[];
  files?: readonly string[];
  /** Extra markdown appended to the body, e.g. a line with `{USER_PROMPT}`. */
  body?: string;
}

/** A persona file as users write one. */
export function personaText(id: string, spec: PersonaSpec = {}): string {
  const lines = [
    "---",
    `name: ${id}`,
    `description: ${spec.description ?? `The ${id} persona.`}`,
    "---",
    "",
    `# ${spec.title ?? `${id} persona`}`,
    "",
    `You are the ${id} persona.`,
    "",
    "## Auto-Activation Triggers",
  ];
  if (spec.keywords?.length) lines.push(`- Keywords: ${spec.keywords.map((k) => `"${k}"`).join(", ")}`);
  if (spec.files?.length) lines.push(`- File patterns: ${spec.files.map((f) => `\`${f}\``).join(", ")}`);
  lines.push("- A context only a model reads");
  if (spec.body) lines.push("", spec.body);
  return `${lines.join("\n")}\n`;
}

/** A temporary personas folder; `remove` deletes it. */
export async function personaFolder(personas: Readonly<Record<string, string>>): Promise<{
  dir: string;
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "persona-mcp-"));
  const write = (file: string, text: string) => writeFile(join(dir, file), text);
  for (const [file, text] of Object.entries(personas)) await write(file, text);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** An SDK client connected over stdio to `persona mcp` running as a child process. */
export interface Session {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `node persona.js mcp --personas <dir> …args` and connects the SDK's own client to it. */
export async function connect(dir: string, args: readonly string[] = []): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp", "--personas", dir, ...args],
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "persona-e2e", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** A JSON-RPC message as read from the server's stdout. */
export type Message = Record<string, unknown> & { id?: unknown; error?: { code: number; message: string } };

/** The server as a raw child process, for writing bytes the SDK client would never send. */
export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line that parsed as JSON. */
  messages: Message[];
  /** Stdout lines that did not parse as JSON: always expected to be empty. */
  notJson: string[];
  stderr(): string;
  /** Writes one line to the server's stdin. */
  send(line: string): void;
  /** Resolves with the first message (already received or yet to come) that satisfies `test`. */
  waitFor(test: (m: Message) => boolean, timeoutMs?: number): Promise<Message>;
  /** Resolves once stderr contains `text`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  /** Exit code, signal and milliseconds from `since` (default: now) to exit. */
  exited(since?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * Spawns `node persona.js <args>` with piped stdio; `env` is added to the inherited environment,
 * `bin` replaces the built bin (an installed copy), `cwd` sets the working folder.
 */
export function spawnRaw(
  args: readonly string[],
  options: { env?: Record<string, string>; bin?: string; cwd?: string } = {},
): RawServer {
  const env = { ...process.env, ...options.env };
  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const notJson: string[] = [];
  const messages: Message[] = [];
  let pending = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      try {
        messages.push(JSON.parse(line) as Message);
      } catch {
        notJson.push(line);
      }
      newline = pending.indexOf("\n");
    }
    notify();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    notify();
  });
  // The server may exit before a test finishes writing; a broken pipe is then the expected outcome.
  child.stdin.on("error", () => {});
  const until = <T>(check: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const tryNow = () => {
        const found = check();
        if (found === undefined) return;
        listeners.delete(tryNow);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(tryNow);
        reject(new Error(`timed out waiting for ${what}; stderr:\n${stderr}`));
      }, timeoutMs);
      listeners.add(tryNow);
      tryNow();
    });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  return {
    child,
    messages,
    notJson,
    stderr: () => stderr,
    send: (line) => void child.stdin.write(`${line}\n`),
    waitFor: (test, timeoutMs = 10_000) => until(() => messages.find(test), "a message", timeoutMs),
    waitForStderr: (text, timeoutMs = 10_000) =>
      until(() => (stderr.includes(text) ? true : undefined), JSON.stringify(text), timeoutMs).then(() => {}),
    exited: async (since = Date.now()) => {
      const { code, signal, at } = await exit;
      return { code, signal, ms: at - since };
    },
  };
}

/** The `initialize` request an MCP client sends first. */
export function initializeLine(id: number): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  });
}
