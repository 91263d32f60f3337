// Security keys through WebAuthn (@simplewebauthn/server): registering a key and proving it at login.
// The relying party is the host the user is on; challenges are stored server-side, single use, 5 minutes,
// and bound to the session that asked: a signature over one login attempt's challenge proves nothing for another.
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { changes, type Db, first } from "../db/client";
import { oneTimeTokens, webauthnCredentials } from "../db/tables";
import { hashToken, newId } from "../lib/ids";
import type { AppEnv } from "../types";

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origin: string;
}

const CHALLENGE_TTL_MS = 5 * 60_000;

export function relyingParty(c: Context<AppEnv>): RelyingParty {
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  return {
    rpID: host.replace(/:\d+$/, ""),
    rpName: c.var.org.name,
    origin: `${c.var.deps.config.production ? "https" : "http"}://${host}`,
  };
}

async function keysOf(db: Db, accountId: string) {
  return await db.select().from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId));
}

function transportsOf(raw: string | null): AuthenticatorTransportLike[] | undefined {
  return raw ? (JSON.parse(raw) as AuthenticatorTransportLike[]) : undefined;
}
type AuthenticatorTransportLike = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

type ChallengeKind = "registration" | "authentication";

/**
 * `boundTo` is the session (its stored id, a hash) or, during activation, the link the challenge was
 * asked for; only a response presented with that same binding can use it.
 */
async function storeChallenge(
  db: Db,
  orgId: string,
  accountId: string,
  challenge: string,
  kind: ChallengeKind,
  boundTo: string,
): Promise<void> {
  const now = Date.now();
  await db.insert(oneTimeTokens).values({
    id: newId(),
    orgId,
    accountId,
    purpose: "webauthn-challenge",
    tokenHash: hashToken(challenge),
    dataJson: JSON.stringify({ challenge, kind, boundTo: hashToken(boundTo) }),
    createdAt: now,
    expiresAt: now + CHALLENGE_TTL_MS,
  });
}

/**
 * The newest open challenge of this kind asked with this binding; using it closes it, so a response can be
 * verified once (closed in one statement: of requests presenting it at once, one gets it).
 */
async function takeChallenge(db: Db, accountId: string, kind: ChallengeKind, boundTo: string): Promise<string | null> {
  const now = Date.now();
  const rows = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.accountId, accountId),
        eq(oneTimeTokens.purpose, "webauthn-challenge"),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .orderBy(desc(oneTimeTokens.createdAt));
  const binding = hashToken(boundTo);
  const row = rows.find((r) => {
    const data = JSON.parse(r.dataJson ?? "{}") as { kind?: string; boundTo?: string };
    return data.kind === kind && data.boundTo === binding;
  });
  if (!row) return null;
  const closed = changes(
    await db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.id, row.id), isNull(oneTimeTokens.usedAt))),
  );
  if (closed !== 1) return null;
  return (JSON.parse(row.dataJson ?? "{}") as { challenge: string }).challenge;
}

export async function beginRegistration(
  db: Db,
  input: { orgId: string; account: { id: string; email: string; displayName: string }; rp: RelyingParty; boundTo: string },
) {
  const options = await generateRegistrationOptions({
    rpName: input.rp.rpName,
    rpID: input.rp.rpID,
    userName: input.account.email,
    userDisplayName: input.account.displayName,
    userID: new TextEncoder().encode(input.account.id),
    attestationType: "none",
    excludeCredentials: (await keysOf(db, input.account.id)).map((k) => ({ id: k.id, transports: transportsOf(k.transports) })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
  await storeChallenge(db, input.orgId, input.account.id, options.challenge, "registration", input.boundTo);
  return options;
}

export type RegistrationResult = { ok: true; credentialId: string } | { ok: false; reason: "no_challenge" | "not_verified" };

export async function finishRegistration(
  db: Db,
  input: { orgId: string; accountId: string; rp: RelyingParty; response: RegistrationResponseJSON; name: string; boundTo: string },
): Promise<RegistrationResult> {
  const challenge = await takeChallenge(db, input.accountId, "registration", input.boundTo);
  if (!challenge) return { ok: false, reason: "no_challenge" };
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.rpID,
      requireUserVerification: false,
    });
  } catch {
    return { ok: false, reason: "not_verified" };
  }
  if (!verified.verified) return { ok: false, reason: "not_verified" };
  const { credential } = verified.registrationInfo;
  await db.insert(webauthnCredentials).values({
    id: credential.id,
    orgId: input.orgId,
    accountId: input.accountId,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ? JSON.stringify(credential.transports) : null,
    name: input.name,
  });
  return { ok: true, credentialId: credential.id };
}

export async function beginAuthentication(db: Db, input: { orgId: string; accountId: string; rp: RelyingParty; boundTo: string }) {
  const options = await generateAuthenticationOptions({
    rpID: input.rp.rpID,
    allowCredentials: (await keysOf(db, input.accountId)).map((k) => ({ id: k.id, transports: transportsOf(k.transports) })),
    userVerification: "preferred",
  });
  await storeChallenge(db, input.orgId, input.accountId, options.challenge, "authentication", input.boundTo);
  return options;
}

/** True when the response is signed by one of this account's keys over our open challenge. */
export async function finishAuthentication(
  db: Db,
  input: { accountId: string; rp: RelyingParty; response: AuthenticationResponseJSON; boundTo: string },
): Promise<boolean> {
  const key = first(
    await db
      .select()
      .from(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, input.response.id), eq(webauthnCredentials.accountId, input.accountId))),
  );
  const challenge = await takeChallenge(db, input.accountId, "authentication", input.boundTo);
  if (!key || !challenge) return false;
  try {
    const result = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.rpID,
      credential: {
        id: key.id,
        publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
        counter: key.counter,
        transports: transportsOf(key.transports),
      },
      requireUserVerification: false,
    });
    if (!result.verified) return false;
    await db
      .update(webauthnCredentials)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: Date.now() })
      .where(eq(webauthnCredentials.id, key.id));
    return true;
  } catch {
    return false;
  }
}
