import { targetIds } from "@personas/core/outputs";
import { z } from "zod";

/** A target id from the registry; the config never lists targets by hand. */
export const ConfigTargetSchema = z.enum(targetIds);

/**
 * `persona.config.json`, `persona.config.yaml` or the `persona` key of package.json. Every path is
 * relative to the file's folder and must stay inside it, so a cloned repository's config cannot
 * make `persona build` read or write elsewhere (flags typed on the command line may).
 */
export const ConfigSchema = z.strictObject({
  // `.describe()` texts are shown by editors from `persona schema config`.
  $schema: z.string().optional().describe("The JSON Schema editors check this file against; ignored by persona"),
  personas: z.string().min(1).optional().describe("Folder of persona files. Default `personas`"),
  out: z.string().min(1).optional().describe("Output root every target writes under. Default `.` (this file's folder)"),
  targets: z
    .array(ConfigTargetSchema)
    .optional()
    .describe("Targets `persona build` builds when no `--target` is given. Default: all"),
  outputs: z
    .partialRecord(ConfigTargetSchema, z.string().min(1))
    .optional()
    .describe('Per-target output folder, relative to `out` and inside it: `{ "cursor": "apps/web" }`'),
  templates: z
    .string()
    .min(1)
    .optional()
    .describe("Folder of `.hbs` templates laid out like the default ones, replacing those of the same name"),
  cacheDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Folder for the parse cache, inside this file's folder. Default: `node_modules/.cache/persona`, else your user cache folder (`~/.cache/persona`)",
    ),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("Persona files larger than this many bytes are refused before they are read. Default 1 MiB"),
  idPrefix: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-?$/, "lowercase letters, digits and hyphens, such as `sc-`")
    .max(32)
    .optional()
    .describe(
      "Put before every persona id (`sc-` makes `backend` into `sc-backend`): in output file names, `name:` fields, Roo slugs, MCP prompt names and in `list`, `show` and `route`. Source files and titles are unchanged",
    ),
  mcpServers: z
    .record(z.string().min(1), z.string().regex(/^[A-Za-z0-9_.-]+$/, "a configured MCP server name"))
    .optional()
    .describe(
      'The MCP server names personas use mapped to your configured servers: `{ "Context7": "context7", "Sequential": "sequential-thinking" }`. With it, Claude agents list the preferred servers under `mcpServers:` and deny the avoided ones (`disallowedTools: mcp__<server>__*`); without it, no tool list is written from a persona\'s MCP Server Preferences',
    ),
  vars: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a name of letters, digits, `_`, `.` or `-`")
        .refine((name) => !["id", "title", "description"].includes(name), {
          message: "`id`, `title` and `description` are a fragment's names for the persona including it",
        }),
      z.string().regex(/^[^\n\r]*$/, "one line of text"),
    )
    .optional()
    .describe(
      "Install-time variables: each `{{name}}` in a persona or fragment is filled in from here, and one not defined here is an error. Without `vars`, braces are left as written",
    ),
});

/** A validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;
