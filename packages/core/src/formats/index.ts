import type { Format } from "./format.js";
import { json } from "./json.js";
import { managedMarkdownBlock } from "./managed-block.js";
import { markdown } from "./markdown.js";
import { mdc } from "./mdc.js";
import { toml } from "./toml.js";
import { yamlEntriesBlock } from "./yaml-block.js";

/**
 * Every file format, by name: targets declare their outputs with these, and everything that reads
 * a generated file back (ownership, pruning, `--check`) finds its format here from the output.
 */
export const formats = {
  markdown,
  mdc,
  json,
  toml,
  yaml: yamlEntriesBlock,
  "managed-block": managedMarkdownBlock,
} as const satisfies Record<string, Format<never>>;
