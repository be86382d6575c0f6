import { VERSION } from "./version.js";

/** Entry point: returns the exit code instead of exiting, so piped output is never cut short. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  process.stdout.write("Usage: persona <command> [options]\n");
  return 0;
}
