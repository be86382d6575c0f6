import { defineConfig } from "tsup";

export default defineConfig({
  entry: { persona: "src/persona.ts", "parse-worker": "src/parse-pool/parse-worker.ts" },
  format: ["esm"],
  target: "node20",
  clean: true,
  sourcemap: false,
  splitting: true,
  banner: { js: "#!/usr/bin/env node" },
});
