import { toJsonSchema } from "@personas/core";
import { z } from "zod";
import { parseCommandArgs } from "../cli/args.js";
import { schemaSpec } from "../cli/specs.js";
import { ConfigSchema } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";

/**
 * The JSON Schema of `persona.config.json`, from the zod schema the CLI validates it with, so the
 * editor and `persona build` can never disagree about what a config may hold.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { io: "input" }) as Record<string, unknown>;
  return { ...schema, title: "persona.config.json", description: "Configuration of the persona CLI (@personas/cli)" };
}

const SCHEMAS: Record<string, () => Record<string, unknown>> = {
  frontmatter: toJsonSchema,
  config: configJsonSchema,
};

/** `persona schema [frontmatter|config]`: a JSON Schema, from the zod schema that validates the same thing. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(schemaSpec, argv);
  const which = args.positionals[0] ?? "frontmatter";
  const schema = SCHEMAS[which];
  if (schema === undefined) {
    throw new UsageError(
      `persona schema: unknown schema ${JSON.stringify(which)}; expected frontmatter or config`,
      "Run `persona schema --help` for what each one is for.",
    );
  }
  io.stdout.write(`${JSON.stringify(schema(), null, 2)}\n`);
  return 0;
}
