import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Options } from "tsup";

// esbuild's types, reached through tsup's (esbuild is tsup's dependency, not ours).
type Plugin = NonNullable<Options["esbuildPlugins"]>[number];
type BuildResult = Parameters<Parameters<Parameters<Plugin["setup"]>[0]["onEnd"]>[0]>[0];
type Metafile = NonNullable<BuildResult["metafile"]>;

/** One bundled third-party package and the licence it is distributed under. */
export interface BundledPackage {
  name: string;
  version: string;
  /** The `license` field of its package.json (SPDX expression). */
  license: string;
  repository?: string;
  /** The text of its LICENSE / LICENCE / COPYING / NOTICE files in name order, else its README's License section. */
  texts: { file: string; text: string }[];
}

const LICENSE_FILE = /^(?:licen[cs]e|copying|notice)(?:[.-].*)?$/i;

/** `…/node_modules/@scope/name/lib/x.js` → the folder `…/node_modules/@scope/name`. */
function packageRoot(input: string): string | undefined {
  const at = input.lastIndexOf("node_modules/");
  if (at === -1) return undefined;
  const rest = input.slice(at + "node_modules/".length).split("/");
  const depth = rest[0]?.startsWith("@") ? 2 : 1;
  return input.slice(0, at + "node_modules/".length) + rest.slice(0, depth).join("/");
}

/** The SPDX `license` field, or the legacy `licenses: [{ type }]` array some older packages use. */
function licenseOf(manifest: Record<string, unknown>): string {
  if (typeof manifest.license === "string") return manifest.license;
  const legacy = Array.isArray(manifest.licenses) ? (manifest.licenses as { type?: unknown }[]) : [];
  const types = legacy.map((l) => l.type).filter((t): t is string => typeof t === "string");
  return types.length > 0 ? types.join(" OR ") : "UNKNOWN";
}

/**
 * The "License" section of a README (ATX `## License` or setext `License` + `===`), for the few
 * packages that state their licence there and ship no licence file (`format`).
 */
function readmeLicense(root: string): { file: string; text: string } | undefined {
  const readme = readdirSync(root).find((file) => /^readme(?:\.(?:md|markdown|txt))?$/i.test(file));
  if (readme === undefined) return undefined;
  const lines = readFileSync(join(root, readme), "utf8").replace(/\r\n/g, "\n").split("\n");
  const isHeading = (i: number) => /^#{1,6}\s/.test(lines[i] ?? "") || /^(?:=+|-+)\s*$/.test(lines[i + 1] ?? "");
  const start = lines.findIndex((line, i) => /^(?:#{1,6}\s+)?licen[cs]e\s*$/i.test(line) && isHeading(i));
  if (start === -1) return undefined;
  let end = start + 2;
  while (end < lines.length && !isHeading(end)) end++;
  const text = lines.slice(start, end).join("\n").trim();
  return { file: `${readme} (its License section)`, text };
}

function repositoryUrl(value: unknown): string | undefined {
  const raw = typeof value === "string" ? value : (value as { url?: unknown } | undefined)?.url;
  return typeof raw === "string" ? raw.replace(/^git\+/, "").replace(/\.git$/, "") : undefined;
}

/**
 * The third-party packages whose code is in the bundle: every input of the esbuild metafile under a
 * `node_modules` folder that contributed bytes to an output (tree-shaken modules do not count), read
 * from its own package.json and licence files.
 */
export function bundledPackages(metafile: Metafile, workingDir: string): BundledPackage[] {
  const roots = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const root = bytesInOutput > 0 ? packageRoot(input) : undefined;
      if (root !== undefined) roots.add(resolve(workingDir, root));
    }
  }
  const byId = new Map<string, BundledPackage>();
  for (const root of roots) {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
    const name = String(manifest.name);
    const version = String(manifest.version);
    const license = licenseOf(manifest);
    const files = readdirSync(root)
      .filter((file) => LICENSE_FILE.test(file))
      .sort()
      .map((file) => ({ file, text: readFileSync(join(root, file), "utf8").replace(/\r\n/g, "\n").trim() }));
    const fromReadme = files.length === 0 ? readmeLicense(root) : undefined;
    const texts = fromReadme === undefined ? files : [fromReadme];
    const pkg: BundledPackage = { name, version, license, texts };
    const repository = repositoryUrl(manifest.repository);
    if (repository !== undefined) pkg.repository = repository;
    byId.set(`${name}@${version}`, pkg);
  }
  return [...byId.values()].sort((a, b) =>
    a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
}

/** The notices file: one section per package, its licence text verbatim in a fenced block. */
export function renderNotices(product: string, packages: readonly BundledPackage[]): string {
  const lines = [
    "# Third-party notices",
    "",
    `${product} bundles the code of the following ${packages.length} packages into its \`dist\` files.`,
    "Each is distributed under the licence quoted below. This file is generated at build time from the",
    "bundler's record of the modules it included (packages/cli/scripts/third-party-notices.ts).",
    "",
  ];
  for (const pkg of packages) {
    lines.push(`## ${pkg.name}@${pkg.version}`, "", `License: ${pkg.license}`);
    if (pkg.repository !== undefined) lines.push(`Repository: ${pkg.repository}`);
    lines.push("");
    if (pkg.texts.length === 0) {
      lines.push(`The package ships no licence file; its package.json declares \`${pkg.license}\`.`, "");
    }
    for (const { file, text } of pkg.texts) {
      // A fence longer than any backtick run in the text, so no licence can close it early.
      const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = "`".repeat(longest + 1);
      lines.push(`${file}:`, "", `${fence}text`, text, fence, "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * An esbuild plugin (tsup's `esbuildPlugins`) that writes `THIRD_PARTY_NOTICES.md` into the output
 * folder after every successful build: the bundle carries other projects' code, and their licences
 * (MIT, ISC, BSD, Apache-2.0) ask for their notices to travel with it.
 */
export function thirdPartyNotices(product: string): Plugin {
  return {
    name: "third-party-notices",
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0 || result.metafile === undefined) return;
        const workingDir = build.initialOptions.absWorkingDir ?? process.cwd();
        const outdir = resolve(workingDir, build.initialOptions.outdir ?? "dist");
        const packages = bundledPackages(result.metafile, workingDir);
        mkdirSync(outdir, { recursive: true });
        writeFileSync(join(outdir, "THIRD_PARTY_NOTICES.md"), renderNotices(product, packages));
      });
    },
  };
}
