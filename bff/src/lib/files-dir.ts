// Where stored files live: the files folder inside the data folder.
import path from "node:path";
import type { Context } from "hono";
import type { AppEnv } from "../types";

export function filesDir(c: Context<AppEnv>): string {
  return path.join(c.var.deps.config.dataDir, "files");
}
