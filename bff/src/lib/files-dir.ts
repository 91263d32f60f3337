// Where stored files live: FILES_DIR (default: the files folder inside the data folder).
import type { Context } from "hono";
import type { AppEnv } from "../types";

export function filesDir(c: Context<AppEnv>): string {
  return c.var.deps.config.filesDir;
}
