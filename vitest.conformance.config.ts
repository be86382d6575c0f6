import { defineConfig } from "vitest/config";

// `pnpm test:conformance`: the tools' own loaders read examples/generated. Kept out of the main
// suite (vitest.config.ts excludes test/conformance), which must not need these tools installed.
export default defineConfig({
  resolve: { conditions: ["@personas/source"] },
  ssr: { resolve: { conditions: ["@personas/source"] } },
  test: {
    include: ["test/conformance/**/*.test.ts"],
    globalSetup: ["test/conformance/global-setup.ts"],
    // The checks mostly wait on the tools (a Claude Code session polled through tmux, a CLI that
    // starts in seconds), so two files at once cost little CPU even on a two-core machine.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
