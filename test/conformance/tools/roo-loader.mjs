// Roo Code's `.roomodes` loader, run by roo.ts in the sandbox:
// `node roo-loader.mjs <@roo-code/types module> <yaml module> <file>`. Prints one JSON object:
// the modes as Roo Code keeps them, or why the file gives none.
//
// Roo Code's CustomModesManager (src/core/config/CustomModesManager.ts) reads `.roomodes` this
// way: strip a BOM, replace a few typographic characters (no-break and zero-width spaces, dashes,
// curly quotes), `yaml.parse`, and on a YAML error `JSON.parse` of the original text; then
// `customModesSettingsSchema.safeParse`, where one bad mode rejects the whole file. Its error
// message lists each issue as `<path>: <message>`, as below.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [typesModule, yamlModule, file] = process.argv.slice(2);
const { customModesSettingsSchema } = await import(pathToFileURL(typesModule).href);
const yaml = await import(pathToFileURL(yamlModule).href);

const REPLACEMENTS = {
  "\u00A0": " ",
  "\u200B": "",
  "\u200C": "",
  "\u200D": "",
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
};

/** @param {string} text */
function clean(text) {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\u200D|[\u00A0\u200B\u200C\u2010-\u2015\u2212\u2018\u2019\u201C\u201D]/g, (c) => REPLACEMENTS[c] ?? "-");
}

/** @param {{ path: Array<string | number>, message: string, unionErrors?: Array<{ issues: Array<{ message: string }> }> }} issue */
function describe(issue) {
  const inner = (issue.unionErrors ?? []).flatMap((e) => e.issues.map((i) => i.message));
  return `${issue.path.join(".")}: ${issue.message}${inner.length > 0 ? ` (${inner.join("; ")})` : ""}`;
}

const text = readFileSync(file, "utf8");
let settings;
try {
  settings = yaml.parse(clean(text)) ?? {};
} catch (yamlError) {
  try {
    settings = JSON.parse(text);
  } catch {
    console.log(JSON.stringify({ errors: [`YAML: ${yamlError.message}`] }));
    process.exit(0);
  }
}
if (typeof settings !== "object" || settings === null || !settings.customModes) {
  console.log(JSON.stringify({ errors: ["no customModes: Roo Code loads no mode from it"] }));
  process.exit(0);
}
const result = customModesSettingsSchema.safeParse(settings);
console.log(
  JSON.stringify(result.success ? { modes: result.data.customModes } : { errors: result.error.issues.map(describe) }),
);
