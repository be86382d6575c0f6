import { targetIds, targets } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { targetsSpec } from "../cli/specs.js";
import type { Io } from "../io.js";
import { createReporter } from "../report/reporter.js";

/** The registry as data: what `persona targets --json` prints. */
export function describeTargets() {
  return targetIds.map((id) => {
    const t = targets[id];
    return { id, title: t.title, outputs: [...t.outputs], docs: [...t.docs] };
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
    for (const output of t.outputs) report.stdout(`${pad}${output}\n`);
    for (const doc of t.docs) report.stdout(`${pad}${report.out.dim(doc)}\n`);
  }
  report.stdout(`\nPaths are relative to the output root (\`out\` in the config, or --out); <id> is the persona id.\n`);
  return 0;
}
