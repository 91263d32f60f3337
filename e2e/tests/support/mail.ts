// Reads the dev mailbox (SPEC §6) for the newest e-mail to an address, waiting a moment for it to arrive.
import { type APIRequestContext, expect } from "@playwright/test";

export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

export async function newestMail(
  request: APIRequestContext,
  to: string,
  opts: { baseURL?: string; after?: string; subject?: RegExp } = {},
): Promise<DevMail> {
  let found: DevMail | undefined;
  await expect(async () => {
    const res = await request.get(`${opts.baseURL ?? ""}/api/dev/mail?to=${encodeURIComponent(to)}`);
    expect(res.status()).toBe(200);
    const mails = (await res.json()) as DevMail[];
    found = mails.find((m) => (!opts.after || m.id !== opts.after) && (!opts.subject || opts.subject.test(m.subject)));
    expect(found).toBeDefined();
  }).toPass({ timeout: 10_000 });
  return found as DevMail;
}

export function linkIn(mail: DevMail): string {
  const m = /(https?:\/\/\S+#[a-z2-7]{32})/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no link in mail: ${mail.text}`);
  return m[1];
}
