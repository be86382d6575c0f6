import { z } from "zod";
import type { Diagnostic, Severity } from "./diagnostic.js";

/** `Severity` as a schema, for tools that read persona's JSON reports. */
export const SeveritySchema = z.enum(["error", "warning", "info"]) satisfies z.ZodType<Severity>;

/** `Diagnostic` as a schema: positions are 1-based whole numbers. */
export const DiagnosticSchema = z.object({
  severity: SeveritySchema,
  rule: z.string(),
  message: z.string(),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
}) satisfies z.ZodType<Diagnostic>;
