// How many durable commits a second the disk under the data folder takes: the bound on every write request.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRawSqlite } from "./sqlite";

/** Single-row write transactions for `ms` each, as the BFF runs them (WAL, synchronous=FULL), and with NORMAL for comparison. */
export function durableCommitsPerSecond(ms = 2000): { full: number; normal: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-bench-disk-"));
  try {
    const sqlite = openRawSqlite(path.join(dir, "disk.db"));
    // The BFF's settings (bff/src/db/client.ts, openSqlite).
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.exec("CREATE TABLE bench_commit (id INTEGER PRIMARY KEY, v TEXT)");
    const insert = sqlite.prepare("INSERT INTO bench_commit (v) VALUES (?)");
    const commit = sqlite.transaction(() => insert.run("x".repeat(300)));
    const rate = () => {
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < ms) {
        commit.immediate();
        n++;
      }
      return Math.round((n * 1000) / (performance.now() - t0));
    };
    const full = rate();
    sqlite.pragma("synchronous = NORMAL");
    const normal = rate();
    sqlite.close();
    return { full, normal };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
