import { targetIds, targets } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { targetsSpec } from "../cli/specs.js";
import type { Io } from "../io.js";
import { createReporter } from "../report/reporter.js";

/** The registry as data: what `persona targets --json` prints, derived from the declared outputs. */
export function describeTargets() {
  return targetIds.map((id) => {
    const t = targets[id];
    const outputs = Object.entries(t.outputs).map(([name, o]) => ({
      name,
      path: o.path,
      ...(o.user === undefined ? {} : { user: `~/${o.user}` }),
      format: o.format.name,
      description: o.description,
    }));
    return { id, title: t.title, outputs, docs: [...t.docs] };
  });
}

/** `persona targets`: every registered target, its tool and the paths it writes. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(targetsSpec, argv);
  const report = createReporter(io);
  const list = describeTargets();
  if (args.flag("json")) {
    report.json({ targets: list });
    return 0;
  }
  const width = Math.max(...list.map((t) => t.id.length));
  const pad = " ".repeat(width + 2);
  for (const t of list) {
    report.stdout(`${report.out.bold(t.id.padEnd(width))}  ${t.title}\n`);
    for (const output of t.outputs) {
      const user = output.user === undefined ? "" : report.out.dim(` (user: ${output.user})`);
      report.stdout(`${pad}${output.path}${user}  ${report.out.dim(output.description)}\n`);
    }
    for (const doc of t.docs) report.stdout(`${pad}${report.out.dim(doc)}\n`);
  }
  report.stdout(`\nPaths are relative to the output root (\`out\` in the config, or --out); <id> is the persona id.\n`);
  return 0;
}
