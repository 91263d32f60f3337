// `npm run backup -- <folder>` and `npm run restore -- <folder>`: the data folder is DATA_DIR (default data/),
// the uploaded files are in FILES_DIR (default DATA_DIR/files).
import path from "node:path";
import { loadConfig } from "../config";
import { backupDataDir, restoreDataDir } from "./backup";

const [command, folder] = process.argv.slice(2);
// npm runs scripts from the repository root; a relative folder means relative to where the user typed it.
const base = process.env.INIT_CWD ?? process.cwd();
const { dataDir, filesDir } = loadConfig();

if ((command !== "backup" && command !== "restore") || !folder) {
  console.error(
    "usage: npm run backup -- <backup folder>   |   npm run restore -- <backup folder>   (DATA_DIR: the data folder, FILES_DIR: the files)",
  );
  process.exit(2);
}

const target = path.resolve(base, folder);
const started = Date.now();
try {
  if (command === "backup") {
    const m = await backupDataDir(dataDir, target, { filesDir });
    console.log(
      `Backup of ${dataDir} written to ${target} in ${Date.now() - started} ms: database ${m.databaseBytes} bytes (snapshot of ${m.startedAt}), ${m.files} files (${m.fileBytes} bytes)${m.keyFile ? ", server key" : ""}.`,
    );
    if (!m.keyFile) console.log("The server key is not in the data folder (PORTAAL_SECRET_KEY): keep it safe separately.");
  } else {
    const m = await restoreDataDir(target, dataDir, { filesDir });
    console.log(
      `Backup ${target} (snapshot of ${m.startedAt}) restored into ${dataDir} in ${Date.now() - started} ms: ${m.files} files${m.keyFile ? ", server key" : ""}. Start the portal on this data folder.`,
    );
  }
} catch (err) {
  console.error(`${command === "backup" ? "Backup" : "Restore"} failed: ${(err as Error).message}`);
  process.exit(1);
}
