import type { CommandEntry } from "./spec.js";
import {
  buildSpec,
  importSpec,
  initSpec,
  listSpec,
  mcpSpec,
  newSpec,
  routeSpec,
  schemaSpec,
  showSpec,
  targetsSpec,
  validateSpec,
} from "./specs.js";

/**
 * The command table: the only list of commands. Help, "did you mean" and dispatch derive from it.
 * Modules are loaded with `import()` on use, so `persona --help` and `--version` never load the
 * parser, the templates or `@personas/core`.
 */
export const commands: readonly CommandEntry[] = [
  { name: "build", summary: buildSpec.summary, spec: buildSpec, load: () => import("../commands/build.js") },
  {
    name: "validate",
    summary: validateSpec.summary,
    spec: validateSpec,
    load: () => import("../commands/validate.js"),
  },
  { name: "list", summary: listSpec.summary, spec: listSpec, load: () => import("../commands/list.js") },
  { name: "show", summary: showSpec.summary, spec: showSpec, load: () => import("../commands/show.js") },
  { name: "init", summary: initSpec.summary, spec: initSpec, load: () => import("../commands/init.js") },
  { name: "new", summary: newSpec.summary, spec: newSpec, load: () => import("../commands/new.js") },
  { name: "import", summary: importSpec.summary, spec: importSpec, load: () => import("../commands/import.js") },
  { name: "schema", summary: schemaSpec.summary, spec: schemaSpec, load: () => import("../commands/schema.js") },
  { name: "targets", summary: targetsSpec.summary, spec: targetsSpec, load: () => import("../commands/targets.js") },
  { name: "route", summary: routeSpec.summary, spec: routeSpec, load: () => import("../commands/route.js") },
  { name: "mcp", summary: mcpSpec.summary, spec: mcpSpec, load: () => import("../commands/mcp.js") },
];

/** The entry for a command name, if any. */
export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}
