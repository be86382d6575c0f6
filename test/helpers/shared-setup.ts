import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { HAS_SHARED, SHARED_DIR } from "./shared.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Test files that import `HAS_SHARED`: the ones that skip without `../shared`. */
function filesNeedingShared(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") visit(full);
      else if (entry.name.endsWith(".test.ts") && readFileSync(full, "utf8").includes("HAS_SHARED")) out.push(full);
    }
  };
  for (const dir of ["packages/core/test", "packages/cli/test", "test"]) visit(join(ROOT, dir));
  return out.map((f) => relative(ROOT, f).split("\\").join("/")).sort();
}

/**
 * Vitest global setup: without `../shared`, says in one line which test files skip and why, so a
 * green run from a bare clone never hides that they did not run. `PERSONA_REQUIRE_SHARED=1` (set by
 * `.ci/run`) turns the absence into a failure instead.
 */
export default function setup(): void {
  if (HAS_SHARED) return;
  const files = filesNeedingShared();
  if (process.env.PERSONA_REQUIRE_SHARED === "1") {
    throw new Error(`PERSONA_REQUIRE_SHARED=1 but ${SHARED_DIR} does not exist; ${files.length} test files need it`);
  }
  console.log(
    `persona tests: skipped ${files.length} files that read ../shared (the seed persona and the corpus of real persona files, kept outside the repository), because ${SHARED_DIR} does not exist: ${files.join(", ")}`,
  );
}
