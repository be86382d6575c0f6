import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `../shared` beside the repository: the seed persona and the corpus of real persona files from
 * public repositories, which are test data but not part of the repository. CI has it (`.ci/run`
 * refuses to start without it); a fresh clone does not, and the tests that read it skip.
 */
export const SHARED_DIR = fileURLToPath(new URL("../../../shared/", import.meta.url));

/** Whether `../shared` is there; test files that read it wrap their suites in `describe.skipIf(!HAS_SHARED)`. */
export const HAS_SHARED = existsSync(SHARED_DIR);

/** A path inside `../shared` (`sharedPath("corpus/")`). */
export function sharedPath(rel: string): string {
  return join(SHARED_DIR, rel);
}
