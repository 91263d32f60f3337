// The production build of the BFF (`npm run build`): one ES module per entry point, dependencies left to
// bff/node_modules (installed without dev tooling), and the migrations of both databases beside it. Runs at build time only.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const bffRoot = path.resolve(import.meta.dirname, "..");
export const bffDist = path.join(bffRoot, "dist");

/** server.mjs (the portal) and admin.mjs (the operator's command line); @portaal/shared goes in the bundle. */
export async function buildBff(): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(bffRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@portaal/"));
  await build({
    entryPoints: { server: path.join(bffRoot, "src/server.ts"), admin: path.join(bffRoot, "src/admin/cli.ts") },
    outdir: bffDist,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external,
    logLevel: "warning",
  });
  for (const folder of ["migrations", "migrations-pg"]) {
    fs.rmSync(path.join(bffDist, folder), { recursive: true, force: true });
    fs.cpSync(path.join(bffRoot, "src/db", folder), path.join(bffDist, folder), { recursive: true });
  }
  return path.join(bffDist, "server.mjs");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = await buildBff();
  console.log(`built ${path.relative(process.cwd(), out)}`);
}
