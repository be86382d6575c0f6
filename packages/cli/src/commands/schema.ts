import { toJsonSchema } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { schemaSpec } from "../cli/specs.js";
import type { Io } from "../io.js";

/** `persona schema`: the JSON Schema of persona frontmatter, from core's zod schema. */
export async function run(argv: string[], io: Io): Promise<number> {
  parseCommandArgs(schemaSpec, argv);
  io.stdout.write(`${JSON.stringify(toJsonSchema(), null, 2)}\n`);
  return 0;
}
