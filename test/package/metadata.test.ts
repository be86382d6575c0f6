import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docsUrl, REPOSITORY_URL } from "../../packages/cli/src/links.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";

const read = (rel: string) => readFileSync(join(REPO_ROOT, rel), "utf8");
const PACKAGES = ["core", "cli"] as const;

describe("what the registry shows for each package", () => {
  it.each(PACKAGES)("packages/%s/package.json names the repository, homepage, bugs and keywords", (name) => {
    const manifest = JSON.parse(read(`packages/${name}/package.json`)) as Record<string, unknown>;
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository).toEqual({
      type: "git",
      url: `git+${REPOSITORY_URL}.git`,
      directory: `packages/${name}`,
    });
    expect(manifest.homepage).toBe(`${REPOSITORY_URL}/tree/main/packages/${name}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
    expect(manifest.keywords).toEqual(expect.arrayContaining(["persona", "claude-code", "cursor", "mcp"]));
    expect(manifest.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE"]));
  });

  it.each(PACKAGES)("packages/%s carries the repository's MIT LICENSE", (name) => {
    const root = read("LICENSE");
    expect(root).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} persona contributors\n/);
    expect(read(`packages/${name}/LICENSE`)).toBe(root);
  });

  it.each(PACKAGES)("packages/%s/README.md links by absolute URL (relative links are dead on npm)", (name) => {
    const readme = read(`packages/${name}/README.md`);
    const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)]
      .map((m) => m[1] as string)
      .filter((u) => !/^(?:https?:|#)/.test(u));
    expect(relative).toEqual([]);
    expect(readme).toContain(REPOSITORY_URL);
  });

  it("`persona --help` names the documentation by URL", async () => {
    const help = await runCli(["--help"], { cwd: REPO_ROOT });
    expect(help.stdout).toContain(`Documentation: ${docsUrl("cli.md")}`);
    expect(help.stdout).not.toMatch(/(?<!\/)docs\/\w+\.md/);
  });
});
