import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@personas/source"] },
  ssr: { resolve: { conditions: ["@personas/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // The tools' own loaders run in `pnpm test:conformance` (vitest.conformance.config.ts) only.
    exclude: [...configDefaults.exclude, "test/conformance/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
