import { defineConfig } from "tsup";

export default defineConfig({
  // `parse` is the parser alone (no targets, no Handlebars): what a parse worker loads.
  entry: { index: "src/index.ts", parse: "src/parse-entry.ts" },
  format: ["esm"],
  target: "node20",
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
});
