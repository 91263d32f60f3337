// `npm run admin -- …`: the operator's command line (see admin/commands.ts and the README).
import { loadConfig } from "../config";
import { createDeps } from "../deps";
import { prepareCommand, UsageError } from "./commands";

try {
  // Every argument is checked before the data folder is opened.
  const work = prepareCommand(process.argv.slice(2));
  const deps = createDeps(loadConfig());
  try {
    for (const line of work(deps).lines) console.log(line);
  } finally {
    deps.db.$client.close();
  }
} catch (err) {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
