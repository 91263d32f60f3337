// One portal process per data folder: the outbox worker (which sends each mail once) and the start-up
// sweep of unfinished files both rely on it. The lock is SQLite's own file lock on a small side file,
// held for the life of the process; the kernel drops it when the process ends, even by SIGKILL.
import path from "node:path";
import Database from "better-sqlite3";

export const LOCK_FILE = "portaal.lock";

/** Takes the data folder's lock; null when another process holds it. */
export function lockDataDir(dataDir: string): { release(): void } | null {
  const db = new Database(path.join(dataDir, LOCK_FILE));
  try {
    db.pragma("busy_timeout = 0");
    // In exclusive locking mode a connection keeps the lock of its first write until it closes.
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)");
    db.prepare("DELETE FROM holder").run();
    db.prepare("INSERT INTO holder (pid, since) VALUES (?, ?)").run(process.pid, Date.now());
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY") return null;
    throw err;
  }
  return { release: () => db.close() };
}
