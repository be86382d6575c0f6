import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { codeId } from "./scripts/code-id.js";
import { thirdPartyNotices } from "./scripts/third-party-notices.js";
import { zodEnglishOnly } from "./scripts/zod-locales.js";

export default defineConfig({
  entry: { persona: "src/persona.ts", "parse-worker": "src/parse-pool/parse-worker.ts" },
  format: ["esm"],
  target: "node20",
  clean: true,
  sourcemap: false,
  splitting: true,
  // Dependencies are bundled: resolving and loading the hundreds of small modules of the unified
  // ecosystem, zod and yaml took longer than the work of a small build. Commands are still loaded
  // on demand (dynamic imports become chunks), so `persona --version` loads none of them.
  noExternal: [/.*/],
  // Core is bundled from its source modules, not its one-file build: code splitting then works
  // module by module, so the parse worker's chunks hold the parser only, never the targets or
  // Handlebars.
  esbuildOptions(options) {
    options.conditions = ["@personas/source", ...(options.conditions ?? [])];
  },
  // What made the outputs, in every build key (see scripts/code-id.ts).
  define: { __PERSONA_CODE_ID__: JSON.stringify(codeId(fileURLToPath(new URL("../..", import.meta.url)))) },
  // The bundle carries ~50 packages' code; their licence notices ship beside it.
  esbuildPlugins: [thirdPartyNotices("@personas/cli"), zodEnglishOnly()],
  // Bundled CommonJS (handlebars) calls `require`; ESM has none, so give each chunk one.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __personaCreateRequire } from "node:module";\nconst require = __personaCreateRequire(import.meta.url);',
  },
});
