// A software security key for tests through app.request(): an ES256 key pair that signs WebAuthn
// assertions as a real authenticator would (the e2e suite uses Chromium's virtual authenticator instead).
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import type { Harness } from "./app-harness";

export interface SoftKey {
  id: string;
  /** Signs `challenge` (base64url, as the options carried it) for the page at `origin`. */
  assert(challenge: string, origin: string): Record<string, unknown>;
}

/** A key stored straight on an account (its registration is not what these tests are about). */
export async function addSoftKey(h: Harness, host: string, accountId: string): Promise<SoftKey> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(jwk.x ?? "")],
      [-3, isoBase64URL.toBuffer(jwk.y ?? "")],
    ]),
  );
  const id = isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(16)));
  const org = (await h.deps.db.$raw.get<{ org_id: string }>("SELECT org_id FROM accounts WHERE id = ?", accountId)) as { org_id: string };
  await h.deps.db.$raw.run(
    "INSERT INTO webauthn_credentials (id, org_id, account_id, public_key, counter, name) VALUES (?, ?, ?, ?, 0, ?)",
    id,
    org.org_id,
    accountId,
    Buffer.from(cose).toString("base64url"),
    "Testsleutel",
  );
  let counter = 0;
  const rpId = host.replace(/:\d+$/, "");
  return {
    id,
    assert(challenge, origin) {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin, crossOrigin: false }));
      counter++;
      const authData = Buffer.concat([
        createHash("sha256").update(rpId).digest(),
        Buffer.from([0x01]), // user present
        Buffer.from([(counter >>> 24) & 255, (counter >>> 16) & 255, (counter >>> 8) & 255, counter & 255]),
      ]);
      const signature = sign("sha256", Buffer.concat([authData, createHash("sha256").update(clientDataJSON).digest()]), privateKey);
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: clientDataJSON.toString("base64url"),
          authenticatorData: authData.toString("base64url"),
          signature: signature.toString("base64url"),
        },
        clientExtensionResults: {},
      };
    },
  };
}
