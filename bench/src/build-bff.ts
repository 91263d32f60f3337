// The production build of the BFF: one ES module with its dependencies left to node_modules, and its migrations.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { root } from "./servers";

export const bffDist = path.join(root, "bff/dist");

/** Bundles bff/src/server.ts into bff/dist/server.mjs (gitignored); @portaal/shared is TypeScript, so it goes in the bundle. */
export async function buildBff(): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "bff/package.json"), "utf8")) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@portaal/"));
  const outfile = path.join(bffDist, "server.mjs");
  await build({
    entryPoints: [path.join(root, "bff/src/server.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external,
    logLevel: "warning",
  });
  fs.rmSync(path.join(bffDist, "migrations"), { recursive: true, force: true });
  fs.cpSync(path.join(root, "bff/src/db/migrations"), path.join(bffDist, "migrations"), { recursive: true });
  return outfile;
}
