import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { hasErrors, PERSONA_ID_PATTERN, parsePersona } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { newSpec } from "../cli/specs.js";
import { CliError, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { definedIds } from "../project/defined-ids.js";
import { resolveSettings } from "../project/settings.js";
import { createReporter } from "../report/reporter.js";
import { personaTemplate } from "../scaffold/templates.js";
import { createFileExclusive } from "../write/atomic.js";

/** A refusal to overwrite: exit 1, like every refused write. */
function exists(path: string, why: string): CliError {
  return new CliError("EXISTS", `persona new: ${path} ${why}; not overwritten`, {
    exitCode: 1,
    hint: "Pick another id, or edit the existing file.",
  });
}

/** `persona new <id>`: scaffold `<personas>/<id>.md` with every section of the format. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(newSpec, argv);
  const id = args.positionals[0] ?? "";
  const rule = "must be kebab-case: ^[a-z0-9]+(-[a-z0-9]+)*$, at most 64 characters";
  if (!PERSONA_ID_PATTERN.test(id) || id.length > 64) {
    throw new UsageError(`persona new: invalid id ${JSON.stringify(id)}: it ${rule}`);
  }
  const settings = await resolveSettings(io, {
    command: "new",
    personas: args.string("personas"),
    config: args.string("config"),
  });
  const file = join(settings.personasDir, `${id}.md`);
  const shown = settings.display(file);
  const text = personaTemplate(id);
  // Core is the judge of a valid id (reserved device names such as `con`, `nul` included).
  const parsed = parsePersona(text, { path: shown });
  if (hasErrors(parsed.diagnostics)) {
    const first = parsed.diagnostics.find((d) => d.severity === "error");
    throw new UsageError(`persona new: invalid id ${JSON.stringify(id)}: ${first?.message ?? rule}`);
  }
  // Case-insensitive file systems would map `Reviewer.md` and `reviewer.md` to one file.
  const names = await readdir(settings.personasDir).catch(() => [] as string[]);
  const clash = names.find((n) => n.toLowerCase() === `${id}.md`);
  if (clash) throw exists(settings.display(join(settings.personasDir, clash)), "exists");
  if (names.length > 0) {
    const definer = (await definedIds(settings)).get(id);
    if (definer) throw exists(definer, `already defines the id ${JSON.stringify(id)}`);
  }
  if (!(await createFileExclusive(file, text))) throw exists(shown, "exists");
  const report = createReporter(io);
  if (args.flag("json")) {
    report.json({ ok: true, exitCode: 0, id, path: shown });
    return 0;
  }
  report.stdout(`${report.out.green("created")} ${shown}\n`);
  report.stderr(`Next: fill in ${shown}, check it with \`persona validate\`, then run \`persona build\`.\n`);
  return 0;
}
