import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { ToolPackage } from "./tool.js";

/** The variable that moves the install cache (CI can point it at a cached volume). */
export const CACHE_VARIABLE = "PERSONA_CONFORMANCE_CACHE";

// Written last, so a folder without it is an interrupted install and is installed again.
const STAMP = ".persona-conformance-installed";

/**
 * Where the tools are installed: `$PERSONA_CONFORMANCE_CACHE`, else
 * `${XDG_CACHE_HOME:-~/.cache}/persona-conformance`. Outside the repository on purpose: the
 * tools weigh hundreds of megabytes and are never a dependency of any package here.
 */
export function cacheRoot(): string {
  const override = process.env[CACHE_VARIABLE];
  if (override) return override;
  return join(process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "persona-conformance");
}

/** The install folder of one pinned package: `<cache>/<name>@<version>`. */
export function packageDir(pkg: ToolPackage): string {
  return join(cacheRoot(), `${pkg.name}@${pkg.version}`);
}

function npmInstall(prefix: string, spec: string): Promise<void> {
  // --ignore-scripts: npm 11 holds back dependency install scripts it has not been told to allow,
  // and the scripts these tools ship only copy their platform binary into place
  // (@anthropic-ai/claude-code's `postinstall: node install.cjs`); `platformBinary` runs the
  // binary from the platform package itself, so no install script is needed at all.
  const args = ["i", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", spec];
  return new Promise((resolve, reject) => {
    execFile("npm", args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`npm ${args.join(" ")} failed:\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * Installs a pinned package into the cache unless it is already there; says which happened. The
 * install goes to a private folder renamed into place, so an interrupted or concurrent run never
 * leaves a half-installed tool that a later run would trust.
 */
export async function ensureInstalled(pkg: ToolPackage): Promise<"cached" | "installed"> {
  const dir = packageDir(pkg);
  if (existsSync(join(dir, STAMP))) return "cached";
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await npmInstall(partial, `${pkg.name}@${pkg.version}`);
  await writeFile(join(partial, STAMP), `${pkg.name}@${pkg.version}\n`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  try {
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(join(dir, STAMP))) throw error;
  }
  return "installed";
}

/**
 * The native binary of a package that ships one per platform as optional dependencies
 * (`@anthropic-ai/claude-code-linux-x64`, `@github/copilot-linux-x64`, …): npm installs only
 * the ones whose `os`/`cpu`/`libc` match this machine. Where several match (opencode ships a
 * `-baseline` build beside the AVX2 one), `prefer` picks one.
 */
export function platformBinary(pkg: ToolPackage, binary: string, prefer?: (name: string) => boolean): string {
  const modules = join(packageDir(pkg), "node_modules");
  const manifest = JSON.parse(readFileSync(join(modules, pkg.name, "package.json"), "utf8")) as {
    optionalDependencies?: Record<string, string>;
  };
  let installed = Object.keys(manifest.optionalDependencies ?? {}).filter((name) =>
    existsSync(join(modules, name, binary)),
  );
  if (installed.length > 1 && prefer) installed = installed.filter(prefer);
  if (installed.length !== 1) {
    throw new Error(`${pkg.name}@${pkg.version}: expected one platform package with ${binary}, found [${installed}]`);
  }
  return join(modules, installed[0]!, binary);
}

/** A path inside an installed package (`name` defaults to the pinned package itself, else a dependency of it). */
export function packageFile(pkg: ToolPackage, relativePath: string, name: string = pkg.name): string {
  return join(packageDir(pkg), "node_modules", name, relativePath);
}

type ExportTarget = string | { node?: ExportTarget; import?: ExportTarget; default?: ExportTarget } | undefined;

// The conditions Node's `import` matches, in the order a package's exports are usually written.
function importTarget(target: ExportTarget): string | undefined {
  if (typeof target === "string" || target === undefined) return target;
  return importTarget(target.node ?? target.import ?? target.default);
}

/**
 * The file `import(name)` loads from an installed package: its `exports["."]` node/import entry, else
 * `module`, else `main`. The loader scripts run outside the install folder, so they import this
 * file by path rather than resolving the bare name.
 */
export function packageModule(pkg: ToolPackage, name: string = pkg.name): string {
  const manifest = JSON.parse(readFileSync(packageFile(pkg, "package.json", name), "utf8")) as {
    exports?: Record<string, ExportTarget> | string;
    module?: string;
    main?: string;
  };
  const exported = typeof manifest.exports === "string" ? manifest.exports : importTarget(manifest.exports?.["."]);
  const entry = exported ?? manifest.module ?? manifest.main;
  if (entry === undefined) throw new Error(`${name} (from ${pkg.name}@${pkg.version}) names no module to import`);
  return packageFile(pkg, entry, name);
}
