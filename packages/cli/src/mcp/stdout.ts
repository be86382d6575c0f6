import type { Writable } from "node:stream";

/** Where protocol messages go: one JSON-RPC message per line. */
export interface StdoutSink {
  /** Writes one line (a newline is added); resolves once it is handed to the OS, or dropped if stdout is gone. */
  writeLine(line: string): Promise<void>;
}

/**
 * Makes `stdout` carry protocol messages only (MCP stdio: the server "MUST NOT write anything to its
 * stdout that is not a valid MCP message"). Anything else that writes to it — `console.log` in a
 * dependency, a debug logger, a stray `process.stdout.write` — goes to `stderr` instead, and the
 * returned sink is the only writer left. An error on stdout (`EPIPE`: the client went away) is
 * reported to `onGone` once instead of crashing the process.
 */
export function claimStdout(stdout: Writable, stderr: Writable, onGone: (error: Error) => void): StdoutSink {
  const write = stdout.write.bind(stdout);
  let gone = false;
  stdout.on("error", (error) => {
    if (gone) return;
    gone = true;
    onGone(error);
  });
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.dir = toStderr;
  console.table = toStderr;
  stdout.write = stderr.write.bind(stderr);
  return {
    writeLine(line) {
      if (gone) return Promise.resolve();
      return new Promise((resolve) => {
        write(`${line}\n`, () => resolve());
      });
    },
  };
}
