import type { Diagnostic } from "@personas/core";
import type { Document, LineCounter } from "yaml";
import { configIssuesToDiagnostics } from "./issues.js";
import { type Config, ConfigSchema } from "./schema.js";

/**
 * A config's data checked against the schema: the config, or diagnostics at the offending keys.
 * Loaded only for a config `plainConfig` does not recognise (it brings zod).
 */
export function validateConfig(
  data: unknown,
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  prefix: string[],
): { config: Config } | { problems: Diagnostic[] } {
  const checked = ConfigSchema.safeParse(data, { reportInput: true });
  return checked.success
    ? { config: checked.data }
    : { problems: configIssuesToDiagnostics(checked.error.issues, doc, lineCounter, file, prefix) };
}
