import { ensureInstalled, packageDir } from "./install.js";
import { toolList } from "./registry.js";
import { createSandbox } from "./sandbox.js";

/**
 * Installs every registered tool's pinned packages into the cache before any test runs (once,
 * not once per test file), and says where they are, how long it took and how the network is cut.
 */
export default async function setup(): Promise<void> {
  const started = Date.now();
  const packages = toolList.flatMap((tool) => tool.packages);
  const results = await Promise.all(packages.map(ensureInstalled));
  packages.forEach((pkg, i) => {
    console.log(`conformance: ${pkg.name}@${pkg.version} ${results[i]} at ${packageDir(pkg)}`);
  });
  const sandbox = createSandbox();
  for (const tool of toolList) await tool.prepare?.(sandbox);
  console.log(`conformance: tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`conformance: loaders run with the network cut by ${sandbox.cut}`);
}
