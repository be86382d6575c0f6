import { tmpdir } from "node:os";
import { join } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@personas/source"] },
  ssr: { resolve: { conditions: ["@personas/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // The tools' own loaders run in `pnpm test:conformance` (vitest.conformance.config.ts) only.
    exclude: [...configDefaults.exclude, "test/conformance/**"],
    // Says in one line which tests skip when ../shared (seed and corpus) is not beside the clone.
    globalSetup: ["test/helpers/shared-setup.ts"],
    // The CLI keeps a parse cache in the user cache folder for projects without node_modules; the
    // thousands of temporary projects the tests build must not fill the real one.
    env: { XDG_CACHE_HOME: join(tmpdir(), "persona-test-cache") },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
