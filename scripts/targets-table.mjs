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
