// Starts the BFF for the e2e suite on a fresh demo database in a temporary folder.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// One folder per port, emptied at every start: a killed run leaves nothing that the next one reads.
const dataDir = path.join(os.tmpdir(), `portaal-e2e-${process.env.PORT ?? "3100"}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
  cwd: path.join(root, "bff"),
  stdio: "inherit",
  env: { ...process.env, DEMO: "1", DATA_DIR: dataDir, WEB_DIST: path.join(root, "web/dist") },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
