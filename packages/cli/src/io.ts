import type { Readable, Writable } from "node:stream";

/** A stream the CLI writes text to; `isTTY` decides colour and code frames. */
export type OutputStream = Writable & { isTTY?: boolean };

/**
 * Everything a command may touch outside its arguments. Commands receive it instead of reaching for
 * `process`, so they can be driven in-process and every side effect has one place to look.
 */
export interface Io {
  /** The folder relative paths on the command line are read against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** `--verbose` was given anywhere on the command line: print stacks and per-file detail. */
  readonly verbose: boolean;
}

/** The real process's streams and environment. */
export function processIo(verbose: boolean): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    verbose,
  };
}
