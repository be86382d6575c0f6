import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@personas/source"] },
  ssr: { resolve: { conditions: ["@personas/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
