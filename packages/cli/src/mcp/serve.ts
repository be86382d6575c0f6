import type { Readable, Writable } from "node:stream";
import type { Diagnostic } from "@personas/core";
import { plural } from "../report/diagnostics.js";
import { type FolderWatch, watchFolder } from "../watch/watch-folder.js";
import { GuardedStdioTransport } from "./guarded-stdio-transport.js";
import { type PromptSource, PromptStore } from "./prompt-store.js";
import { createPersonaServer } from "./server.js";
import { claimStdout } from "./stdout.js";

/** Options of `serveMcp`. */
export interface ServeOptions {
  source: PromptSource;
  /** The folder to watch with `watch` (absolute). */
  personasDir: string;
  /** The folder as the user should see it in log lines. */
  displayDir: string;
  watch: boolean;
  version: string;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Log stacks of internal errors. */
  verbose: boolean;
  /** How a diagnostic is logged to stderr. */
  formatDiagnostic(diagnostic: Diagnostic): string;
}

const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/**
 * Runs `persona mcp` until the session ends: the client closes stdin (the MCP stdio shutdown), the
 * process gets SIGTERM, SIGINT or SIGHUP, or stdout breaks. Watchers, the server and stdin are then
 * closed so that nothing keeps the event loop alive and the process ends by itself. Resolves with
 * the exit code: 0, or 2 after an internal failure.
 */
export async function serveMcp(options: ServeOptions): Promise<number> {
  const log = (line: string) => {
    options.stderr.write(`${line}\n`);
  };
  const onInternalError = (error: unknown) => {
    const detail = error instanceof Error ? (options.verbose ? (error.stack ?? error.message) : error.message) : error;
    log(`persona mcp: internal error: ${String(detail)}`);
  };
  let exitCode = 0;
  let watcher: FolderWatch | undefined;
  let stopping = false;
  let stopped: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });

  const sink = claimStdout(options.stdout, options.stderr, () => void stop());
  const store = new PromptStore(options.source, log, options.formatDiagnostic);
  await store.reload();
  const server = createPersonaServer({ store, version: options.version, watch: options.watch, onInternalError });
  let initialized = false;
  server.oninitialized = () => {
    initialized = true;
  };

  const onSignal = () => void stop();
  // A bug must not leave a host talking to a half-dead server: log it and end the session cleanly.
  const onCrash = (error: unknown) => {
    onInternalError(error);
    exitCode = 2;
    void stop();
  };
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    watcher?.close();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    await server.close().catch(onInternalError);
    stopped();
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  server.onclose = () => void stop();

  if (options.watch) {
    watcher = await watchFolder(
      options.personasDir,
      () => {
        store
          .reload()
          .then(({ changed }) => (changed && initialized && !stopping ? server.sendPromptListChanged() : undefined))
          .catch(onInternalError);
      },
      { onError: (error) => log(`persona mcp: cannot watch ${options.displayDir}: ${error.message}`) },
    );
  }
  await server.connect(new GuardedStdioTransport(options.stdin, sink));
  // A signal during startup ran `stop` before the watcher or the transport existed; close them too.
  if (stopping) {
    watcher?.close();
    await server.close().catch(onInternalError);
  }
  log(
    `persona mcp: serving ${plural(store.list().length, "prompt")} from ${options.displayDir}` +
      (options.watch ? " (watching for changes)" : ""),
  );
  await done;
  return exitCode;
}
