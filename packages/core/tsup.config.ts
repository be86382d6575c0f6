import { defineConfig } from "tsup";

export default defineConfig({
  // `parse` is the parser alone (no targets, no Handlebars): what a parse worker loads; `suggest`
  // the did-you-mean helper alone, for code that must start fast (the CLI's argument parsing);
  // `outputs` reading generated files back without compiling (a no-op build, `--check`).
  entry: {
    index: "src/index.ts",
    parse: "src/parse-entry.ts",
    outputs: "src/outputs-entry.ts",
    suggest: "src/diagnostics/suggest.ts",
  },
  format: ["esm"],
  target: "node20",
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
});
