import { CliError } from "../errors.js";

/** An I/O failure while writing: exit 2, with the path and the system's error code. */
export class WriteError extends CliError {
  constructor(path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause));
    super("WRITE", `persona: cannot write ${path}: ${code}`);
    this.name = "WriteError";
  }
}
