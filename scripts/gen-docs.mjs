#!/usr/bin/env node
// Regenerates the registry-derived docs from the built @personas/core: the README's targets table
// and docs/targets.md.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { targets } from "../packages/core/dist/index.js";
import { renderTargetsReference, renderTargetsTable, replaceTargetsBlock } from "./targets-table.mjs";

const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const next = replaceTargetsBlock(readFileSync(readme, "utf8"), renderTargetsTable(targets));
if (next === undefined) {
  console.error("README.md has no targets block");
  process.exitCode = 1;
} else {
  writeFileSync(readme, next);
}

writeFileSync(fileURLToPath(new URL("../docs/targets.md", import.meta.url)), renderTargetsReference(targets));
