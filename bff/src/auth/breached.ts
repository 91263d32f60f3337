// The offline list of common and breached passwords (zxcvbn-ts' 49k list), normalised like shared/policy.
import { dictionary } from "@zxcvbn-ts/language-common";

let list: ReadonlySet<string> | null = null;

export function commonPasswords(): ReadonlySet<string> {
  list ??= new Set(
    (dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, "")).filter((p) => p.length >= 4),
  );
  return list;
}
