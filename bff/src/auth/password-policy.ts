// The organization's password policy with the large offline list of common passwords.
import { checkPassword, type Policy } from "@portaal/shared/policy";
import { commonPasswords } from "./breached";

/** A Dutch sentence naming every rule the password breaks, or null when it is acceptable. */
export function passwordProblem(policy: Policy, password: string, email: string): { message: string; detail: string } | null {
  const failed = checkPassword(policy, password, email, commonPasswords()).filter((r) => !r.ok);
  if (failed.length === 0) return null;
  return {
    message: `Dit wachtwoord voldoet niet: ${failed.map((f) => f.message.toLowerCase()).join(", ")}.`,
    detail: failed.map((f) => f.message).join(". "),
  };
}
