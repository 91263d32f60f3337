// The transaction rule of db/client.ts, on the dialect of this run (SQLite, or PostgreSQL in the "pg"
// project): a body that awaits real time still commits or rolls back as one, other requests' statements
// wait for it instead of joining it, and a statement on `db` inside a body is refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../test-support/app-harness";
import { type Db, openDatabase, writeTx, writeTxOr } from "./client";
import { organizations } from "./tables";

/** The error a promise rejects with, unwrapped from drizzle's "Failed query" wrapper. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
  return "no error";
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: Db;
let dir: string;

const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  hostname: `${id}.example`,
  emailDomain: "example.nl",
  phone: "010",
  preset: "zorg",
  policyJson: "{}",
  primaryColor: "#000000",
  logoText: id,
});
const names = async () => (await db.select({ id: organizations.id }).from(organizations)).map((r) => r.id).sort();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-tx-"));
  db = await openDatabase({ databaseUrl: await testDatabaseUrl(), dataDir: dir });
});
afterAll(async () => {
  await db.$raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`writeTx on ${process.env.TEST_DATABASE === "pg" ? "PostgreSQL" : "SQLite"}`, () => {
  it("rolls back both inserts when the body throws after awaiting a real timer", async () => {
    await expect(
      writeTx(db, async (tx) => {
        await tx.insert(organizations).values(org("rb1"));
        await sleep(15);
        await tx.insert(organizations).values(org("rb2"));
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await names()).not.toContain("rb1");
    expect(await names()).not.toContain("rb2");
  });

  it("lets a concurrent write from elsewhere wait and land after, outside the rolled-back transaction", async () => {
    let inside!: () => void;
    const started = new Promise<void>((r) => {
      inside = r;
    });
    const tx = writeTxOr(
      db,
      async (tx) => {
        await tx.insert(organizations).values(org("cw1"));
        inside();
        await sleep(30);
        throw new RangeError("refused");
      },
      RangeError,
    );
    await started;
    // Another request writes while the transaction is open and sleeping.
    const other = db.insert(organizations).values(org("cw2"));
    const [refusal] = await Promise.all([tx, other]);
    expect(refusal).toBeInstanceOf(RangeError);
    const now = await names();
    expect(now).toContain("cw2");
    expect(now).not.toContain("cw1");
  });

  it("commits everything of a body that awaited a timer between its statements", async () => {
    await writeTx(db, async (tx) => {
      await tx.insert(organizations).values(org("ok1"));
      await sleep(10);
      await tx.update(organizations).set({ name: "Na de pauze" }).where(eq(organizations.id, "ok1"));
    });
    const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, "ok1"));
    expect(row?.name).toBe("Na de pauze");
  });

  it("refuses a statement on db inside a body, and tx after its body ended", async () => {
    expect(
      await failure(
        writeTx(db, async (tx) => {
          await tx.insert(organizations).values(org("rule1"));
          await db.insert(organizations).values(org("rule2"));
        }),
      ),
    ).toMatch(/A query on db inside writeTx/);
    expect(await names()).not.toContain("rule1");
    expect(await names()).not.toContain("rule2");
    let leaked: Db | undefined;
    await writeTx(db, async (tx) => {
      leaked = tx;
    });
    expect(await failure((leaked as Db).select().from(organizations))).toMatch(/tx used outside its writeTx body/);
  });

  it("runs ten concurrent transactions one after another without losing one", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeTx(db, async (tx) => {
          await tx.insert(organizations).values(org(`many${i}`));
          await sleep(2);
        }),
      ),
    );
    expect((await names()).filter((n) => n.startsWith("many"))).toHaveLength(10);
  });
});
