// Password hashing with argon2id at OWASP's recommended cost.
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

// Each check holds 19 MiB; more at once than there are cores is no faster, only bigger: a burst of
// logins grew the process by 100 MB (bench/RESULTS.md). The rest wait their turn here.
const MAX_AT_ONCE = Math.max(1, os.availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function oneAtATimePerCore<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATimePerCore(() => hash(password, OPTIONS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await oneAtATimePerCore(() => verify(stored, password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so unknown addresses cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("een-onbestaand-wachtwoord");
  await verifyPassword(await dummy, password);
}
