import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * A fingerprint of the code that makes outputs: every source file of core (parser, targets,
 * formats, renderer) and every default template, by path and bytes. Built into the CLI and part of
 * every build key, so an output made by other code (a development build between two versions) is
 * never taken as current. The CLI's own code does not make outputs, so changing it changes no key.
 */
export function codeId(root: string): string {
  const hash = createHash("sha256");
  for (const dir of ["packages/core/src", "templates"]) {
    for (const file of walk(join(root, dir)).sort()) {
      hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
