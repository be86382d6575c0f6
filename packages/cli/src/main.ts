// Only the small `suggest` entry of core: start-up must not load the parser, targets or templates.
import { closest } from "@personas/core/suggest";
import { commands, findCommand } from "./cli/command-table.js";
import { formatCommandHelp, formatMainHelp } from "./cli/help.js";
import { UsageError } from "./errors.js";
import { type Io, processIo } from "./io.js";
import { reportFailure } from "./report/failure.js";
import { wantsJson } from "./report/format.js";
import { VERSION } from "./version.js";

/** Splits off `--verbose`, which every command accepts, before the command's own parsing. */
function takeVerbose(argv: readonly string[]): { verbose: boolean; rest: string[] } {
  const end = argv.indexOf("--");
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const rest = head.filter((a) => a !== "--verbose");
  return { verbose: rest.length !== head.length, rest: [...rest, ...tail] };
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(formatMainHelp(VERSION, commands));
    return 2;
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === "--help" || first === "-h") {
    io.stdout.write(formatMainHelp(VERSION, commands));
    return 0;
  }
  if (first === "help") {
    const entry = rest[0] === undefined ? undefined : findCommand(rest[0]);
    if (rest[0] === undefined) io.stdout.write(formatMainHelp(VERSION, commands));
    else if (entry?.spec) io.stdout.write(formatCommandHelp(entry.spec));
    else if (entry) return (await entry.load()).run(["--help"], io);
    else throw unknownCommand(rest[0]);
    return 0;
  }
  if (first.startsWith("-")) {
    throw new UsageError(`persona: unknown option ${first}`, "Run `persona --help` for usage.");
  }
  const entry = findCommand(first);
  if (!entry) throw unknownCommand(first);
  if (entry.spec && wantsHelp(rest)) {
    io.stdout.write(formatCommandHelp(entry.spec));
    return 0;
  }
  const command = await entry.load();
  return command.run(rest, io);
}

function unknownCommand(name: string): UsageError {
  const guess = closest(
    name,
    commands.map((c) => c.name),
  );
  return new UsageError(
    `persona: unknown command ${JSON.stringify(name)}${guess ? ` (did you mean \`persona ${guess}\`?)` : ""}`,
    "Run `persona --help` for the list of commands.",
  );
}

/**
 * Runs the CLI and returns the exit code instead of exiting, so piped output is never cut short.
 * Errors a user caused (usage, config) print one line, or positioned diagnostics, and exit 2;
 * anything unexpected is an internal error: one line, and the stack only with `--verbose`.
 */
export async function main(argv: readonly string[], ioOverride?: Io): Promise<number> {
  const { verbose, rest } = takeVerbose(argv);
  const io = ioOverride ?? processIo(verbose);
  try {
    return await dispatch(rest, io);
  } catch (error) {
    return reportFailure(error, io, wantsJson(rest));
  }
}
