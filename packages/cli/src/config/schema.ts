import { targetIds } from "@personas/core";
import { z } from "zod";

/** A target id from the registry; the config never lists targets by hand. */
export const ConfigTargetSchema = z.enum(targetIds);

/**
 * `persona.config.json`, `persona.config.yaml` or the `persona` key of package.json. Every path is
 * relative to the file's folder and must stay inside it, so a cloned repository's config cannot
 * make `persona build` read or write elsewhere (flags typed on the command line may).
 */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Folder of persona files. Default `personas`. */
  personas: z.string().min(1).optional(),
  /** Output root every target writes under. Default `.` (the config's folder). */
  out: z.string().min(1).optional(),
  /** Targets `persona build` builds when no `--target` is given. Default: all. */
  targets: z.array(ConfigTargetSchema).optional(),
  /** Per-target output folder, relative to `out` and inside it: `{ "cursor": "apps/web" }`. */
  outputs: z.partialRecord(ConfigTargetSchema, z.string().min(1)).optional(),
  /** Folder of `.hbs` templates laid out like templates/ that override the defaults. */
  templates: z.string().min(1).optional(),
  /** Persona files larger than this many bytes are refused before they are read. Default 1 MiB. */
  maxFileBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** A validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** The config file names searched for, in this order; two of them in one folder is an error. */
export const CONFIG_FILE_NAMES = ["persona.config.json", "persona.config.yaml", "persona.config.yml"] as const;
