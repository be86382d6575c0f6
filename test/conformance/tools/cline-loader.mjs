// Cline's rule parser, run by cline.ts in the sandbox: `node cline-loader.mjs <@cline/core module>
// <root> <file>…`. Prints one JSON array: for each rule file (relative to `<root>`), the
// frontmatter `parseRuleConfigFromMarkdown` read, or the error it threw. Nothing here starts
// Cline's daemon (`cline config` would).
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [coreModule, root, ...files] = process.argv.slice(2);
const { parseRuleConfigFromMarkdown } = await import(pathToFileURL(coreModule).href);

const rules = files.map((file) => {
  try {
    const rule = parseRuleConfigFromMarkdown(readFileSync(join(root, file), "utf8"), basename(file, ".md"));
    return { file, name: rule.name, frontmatter: rule.frontmatter };
  } catch (error) {
    return { file, error: error instanceof Error ? error.message : String(error) };
  }
});
// @cline/core leaves handles open once imported: exit once the answer is out.
process.stdout.write(JSON.stringify(rules), () => process.exit(0));
