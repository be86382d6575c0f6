import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tarballFile } from "./pack.js";

/** A registry on localhost that serves one packed package. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, for `npm_config_registry`. */
  url: string;
  /** The package's name and version, from its packed package.json. */
  name: string;
  version: string;
  /** Requests served, as `METHOD path` (to show that npm really came here). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a tarball from `pnpm pack` the way the npm registry does — the package document at
 * `/<name>` (scoped names URL-encoded) and the tarball it points to — so `npx @personas/cli@x.y.z`
 * runs unmodified, offline, against the code of this checkout. Everything else is a 404.
 */
export async function startRegistry(tarball: string): Promise<LocalRegistry> {
  const bytes = await readFile(tarball);
  const manifest = JSON.parse(await tarballFile(tarball, "package/package.json")) as Record<string, unknown> & {
    name: string;
    version: string;
  };
  const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
  const shasum = createHash("sha1").update(bytes).digest("hex");
  const tarballPath = `/${manifest.name}/-/${manifest.name.split("/").pop()}-${manifest.version}.tgz`;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? "/");
    requests.push(`${req.method} ${path}`);
    if (path === `/${manifest.name}`) {
      const doc = {
        name: manifest.name,
        "dist-tags": { latest: manifest.version },
        versions: {
          [manifest.version]: {
            ...manifest,
            _id: `${manifest.name}@${manifest.version}`,
            dist: { tarball: `${url}${tarballPath.slice(1)}`, integrity, shasum },
          },
        },
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    } else if (path === tarballPath) {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(bytes);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    name: manifest.name,
    version: manifest.version,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
