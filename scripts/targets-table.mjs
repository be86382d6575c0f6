// Renders the README's targets table from the target registry, so the docs cannot drift from the
// code: scripts/gen-docs.mjs writes it, test/docs.test.ts checks it.

/** The markdown table for a registry object `{ id: { title, outputs: { name: { path } }, docs } }`. */
export function renderTargetsTable(targets) {
  const rows = Object.values(targets).map((t) => {
    const writes = Object.values(t.outputs)
      .map((o) => `\`${o.path}\``)
      .join("<br>");
    return `| \`${t.id}\` | ${writes} | [${t.title}](${t.docs[0]}) |`;
  });
  return ["| target | writes | for |", "|---|---|---|", ...rows].join("\n");
}

export const BEGIN = "<!-- targets:begin (generated from the registry by scripts/gen-docs.mjs; do not edit) -->";
export const END = "<!-- targets:end -->";

/** Replaces the generated block of a document, or returns undefined when it has none. */
export function replaceTargetsBlock(doc, table) {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

/**
 * docs/targets.md: every target, its outputs (path, user-scope path, format, what the file is) and
 * the options a persona may set under frontmatter `targets.<id>`, all read from the registry.
 */
export function renderTargetsReference(targets) {
  const lines = [
    "# Targets",
    "",
    "<!-- Generated from the registry by scripts/gen-docs.mjs; do not edit. test/docs.test.ts checks it. -->",
    "",
    "Every target persona compiles to, with the files it writes. Paths are relative to the output root",
    "(`out` in the config, or `--out`); with `persona build --scope user`, outputs that have a user path",
    "are written under your home folder instead. `<id>` is the persona id. Per-persona overrides go under",
    "frontmatter `targets.<id>`; see [the format reference](format.md).",
    "",
  ];
  for (const t of Object.values(targets)) {
    lines.push(`## \`${t.id}\`: ${t.title}`, "", `Docs: ${t.docs.map((d) => `<${d}>`).join(", ")}`, "");
    lines.push("| output | path | user path | format | what it is |", "|---|---|---|---|---|");
    for (const [name, o] of Object.entries(t.outputs)) {
      const user = o.user === undefined ? "—" : `\`~/${o.user}\``;
      lines.push(`| ${name} | \`${o.path}\` | ${user} | ${o.format.name} | ${o.description} |`);
    }
    const options = Object.keys(t.optionsSchema.shape ?? {});
    lines.push("", `Overrides (\`targets.${t.id}\`): ${options.map((k) => `\`${k}\``).join(", ") || "none"}.`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
