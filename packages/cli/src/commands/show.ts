import { closest, compile, hasErrors, type Persona } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { showSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { loadProjectPersonas, sourceDisplay } from "../project/load.js";
import { parseTargets, resolveSettings } from "../project/settings.js";
import type { Colors } from "../report/colors.js";
import { createReporter } from "../report/reporter.js";
import { sanitize } from "../report/sanitize.js";

/** A short readable summary of a persona, for a terminal. */
export function describePersona(p: Persona, source: string, c: Colors): string {
  const lines = [`${c.bold(p.title)} ${c.dim(`(${p.id}, ${source})`)}`, "", p.description];
  const field = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== "") lines.push(`${c.cyan(label.padEnd(12))} ${value}`);
  };
  lines.push("");
  field("identity", p.identity);
  field("priorities", p.priorities.join(" > "));
  field("principles", p.principles.map((i) => i.title ?? i.text).join("; "));
  field("budgets", p.budgets.map((b) => `${b.metric}: ${b.raw}`).join("; "));
  field("focus", p.focusAreas.join("; "));
  field("keywords", p.triggers.keywords.join(", "));
  field("files", p.triggers.files.join(", "));
  field("workflows", p.workflows.map((w) => `${w.title} (${w.steps.length} steps)`).join("; "));
  field("tools", p.tools?.join(", "));
  field("model", p.model);
  field("placeholders", p.placeholders.join(", "));
  return `${lines.join("\n").split("\n").map(sanitize).join("\n")}\n`;
}

/** `persona show <id>`: the model as text or JSON, or the files one target emits for it. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(showSpec, argv);
  const id = args.positionals[0] ?? "";
  const target = args.string("target");
  const targetId = target === undefined ? undefined : parseTargets([target], "show")[0];
  const settings = await resolveSettings(io, {
    command: "show",
    personas: args.string("personas"),
    config: args.string("config"),
  });
  const report = createReporter(io);
  const loaded = await loadProjectPersonas(settings);
  const persona = loaded.personas.find((p) => p.id === id);
  if (!persona) {
    if (hasErrors(loaded.diagnostics)) report.diagnostics(loaded.diagnostics.filter((d) => d.severity === "error"));
    const guess = closest(
      id,
      loaded.personas.map((p) => p.id),
    );
    throw new UsageError(
      `persona show: no persona with id ${JSON.stringify(id)}${guess ? ` (did you mean ${guess}?)` : ""}`,
      "Run `persona list` to see the ids.",
    );
  }
  if (targetId !== undefined) {
    const { files, diagnostics } = compile([persona], {
      targets: [targetId],
      ...(settings.mcpServers === undefined ? {} : { mcpServers: settings.mcpServers }),
    });
    if (args.flag("json")) {
      const failed = hasErrors(diagnostics);
      report.json({ ok: !failed, exitCode: failed ? 1 : 0, target: targetId, files, diagnostics });
    } else {
      report.diagnostics(diagnostics);
      for (const [i, f] of files.entries()) {
        report.stdout(`${i > 0 ? "\n" : ""}${report.out.bold(`==> ${f.path} <==`)}\n${f.contents}`);
      }
      if (files.length === 0) report.stderr(`Target ${targetId} emits no files for ${id}\n`);
    }
    return hasErrors(diagnostics) ? 1 : 0;
  }
  if (args.flag("json")) report.json(persona);
  else report.stdout(describePersona(persona, sourceDisplay(settings, persona), report.out));
  return 0;
}
