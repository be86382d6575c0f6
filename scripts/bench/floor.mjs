// The floor: read the same N sources and write the same number of output files of the same sizes,
// with no parsing or rendering. Usage: node floor.mjs <sourcesDir> <manifest.json> <outDir>
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const [sourcesDir, manifestFile, outDir] = process.argv.slice(2);

async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const names = (await readdir(sourcesDir)).filter((n) => n.endsWith(".md"));
let bytes = 0;
await pool(names, 16, async (n) => {
  bytes += (await readFile(join(sourcesDir, n))).length;
});
const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
const dirs = new Set(manifest.map(([path]) => dirname(join(outDir, path))));
for (const d of dirs) await mkdir(d, { recursive: true });
await pool(manifest, 16, async ([path, size]) => {
  await writeFile(join(outDir, path), "x".repeat(size));
});
if (bytes === 0) process.exitCode = 1;
