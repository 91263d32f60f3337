// A plausible valid value for a zod schema (best effort), so hostile-input tests can break one field at a
// time instead of failing every request on the first missing field.
import type { z } from "zod";

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const STRING_CANDIDATES = [
  "abcdefgh23456789", // ids
  "a".repeat(32), // link tokens (base32)
  "0123456789abcdef", // session and device handles
  "2026-01-15",
  "123456",
  "iemand@example.org",
  "Een-Heel-Sterk-Wachtwoord-9",
  "Tekst",
  "1",
];

function firstValid(schema: z.ZodType, candidates: unknown[]): unknown {
  for (const c of candidates) if (schema.safeParse(c).success) return c;
  return candidates[0];
}

export function exampleOf(schema: z.ZodType, depth = 0): unknown {
  if (depth > 8) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(shape)) {
        const value = exampleOf(v, depth + 1);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return exampleOf(def.innerType as z.ZodType, depth + 1);
    case "pipe":
      return exampleOf(def.in as z.ZodType, depth + 1);
    case "string":
      return firstValid(schema, STRING_CANDIDATES);
    case "number":
    case "int":
      return firstValid(schema, def.coerce ? ["1", "3", "10"] : [1, 3, 10, 0]);
    case "boolean":
      return true;
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array": {
      const el = exampleOf(def.element as z.ZodType, depth + 1);
      return firstValid(schema, [[el], []]);
    }
    case "union":
      return exampleOf((def.options as z.ZodType[])[0] as z.ZodType, depth + 1);
    case "record":
      return {};
    case "custom":
      return new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "x.pdf", { type: "application/pdf" });
    default:
      return "x";
  }
}

/** The top-level keys of an object schema (through optional/pipe wrappers), or [] for anything else. */
export function keysOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === "object") return Object.keys(def.shape as object);
  if (def.type === "pipe") return keysOf(def.in as z.ZodType);
  if (def.type === "optional" || def.type === "default" || def.type === "nullable") return keysOf(def.innerType as z.ZodType);
  return [];
}
