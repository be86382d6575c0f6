import type { Io } from "../io.js";

/** One command-line option of a command. */
export interface OptionSpec {
  /** Long name without dashes: `target` for `--target`. */
  name: string;
  short?: string;
  type: "boolean" | "string";
  /** A string option that may repeat (`--target a --target b`). */
  multiple?: boolean;
  /** Placeholder shown in help for a string option: `DIR`, `FILE`, `ID`. */
  value?: string;
  description: string;
}

/** One example in a command's help: the command line and what it does. */
export interface ExampleSpec {
  command: string;
  description: string;
}

/**
 * Everything the CLI knows about a command without loading it: help text and the options it
 * accepts. Keeping this data-only is what lets `persona build --help` answer without importing the
 * parser, the templates or the command itself.
 */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage lines without the leading `persona `. */
  usage: readonly string[];
  options: readonly OptionSpec[];
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number; name?: string };
  examples: readonly ExampleSpec[];
  /** Extra paragraphs after the options (exit codes, notes). */
  notes?: readonly string[];
}

/** What a command module exports. It returns the exit code and never calls `process.exit()`. */
export interface CommandModule {
  run(argv: string[], io: Io): Promise<number>;
}

/** A row of the command table: a name, a one-line summary, the help spec and a lazy loader. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** Present for commands whose help and flags the table owns; absent ones parse their own argv. */
  spec?: CommandSpec;
  load(): Promise<CommandModule>;
}
