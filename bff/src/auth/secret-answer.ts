// The secret question's answer, as staff check it on the phone.

/** Secret answers compare case- and space-insensitively: "Amsterdam " is "amsterdam". */
export function normaliseAnswer(answer: string): string {
  return answer.trim().toLowerCase().replace(/\s+/g, " ");
}
