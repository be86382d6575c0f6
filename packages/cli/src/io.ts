import type { Readable, Writable } from "node:stream";
import { CliError } from "./errors.js";

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

/**
 * The working folder. Node throws (ENOENT from `uv_cwd`) when it was deleted under the shell; that
 * is the user's situation to fix, so it is a one-line error (exit 2), not a crash.
 */
function currentFolder(): string {
  try {
    return process.cwd();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    throw new CliError("CWD", `persona: cannot read the current folder (${code}); was it deleted?`);
  }
}

/** The real process's streams and environment. The working folder is read when a command needs it. */
export function processIo(verbose: boolean): Io {
  return {
    get cwd() {
      return currentFolder();
    },
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    verbose,
  };
}
