// Security keys (WebAuthn): the browser's response JSON, bounded, as the BFF accepts it.
import { z } from "zod";
import { visibleText } from "./common";

const B64Url = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]*$/, { error: "Ongeldig antwoord van de beveiligingssleutel." });

export const WebAuthnCredentialSchema = z.object({
  id: B64Url.min(1),
  rawId: B64Url.min(1),
  type: z.literal("public-key"),
  response: z
    .object({
      clientDataJSON: B64Url,
      attestationObject: B64Url.optional(),
      authenticatorData: B64Url.optional(),
      signature: B64Url.optional(),
      userHandle: B64Url.optional(),
      transports: z.array(z.string().max(20)).max(10).optional(),
      publicKey: B64Url.optional(),
      publicKeyAlgorithm: z.number().optional(),
    })
    .passthrough(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
export type WebAuthnCredentialJSON = z.infer<typeof WebAuthnCredentialSchema>;

export const KeyNameSchema = z
  .string({ error: "Geef de sleutel een naam." })
  .trim()
  .min(1, { error: "Geef de sleutel een naam." })
  .max(60, { error: "De naam is te lang (hoogstens 60 tekens)." })
  .refine(...visibleText("de naam"));

export const WebAuthnLoginVerifySchema = z.object({ credential: WebAuthnCredentialSchema, trustDevice: z.boolean().default(false) });
export const WebAuthnRegisterVerifySchema = z.object({
  credential: WebAuthnCredentialSchema,
  name: KeyNameSchema.default("Beveiligingssleutel"),
});

export const ActivationWebAuthnSchema = z.object({
  token: z.string().regex(/^[a-z2-7]{32}$/, { error: "Deze link is niet compleet. Open de link uit de e-mail opnieuw." }),
  credential: WebAuthnCredentialSchema,
  name: KeyNameSchema.default("Beveiligingssleutel"),
});
