// The outbox over real SMTP (smtp-server on loopback): delivery, and a server that is down and comes back.
import net from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";

interface Received {
  to: string[];
  raw: string;
}

function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.server.address() as net.AddressInfo;
      resolve({ server, port: address.port, received });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function parse(raw: string) {
  const m = await simpleParser(raw);
  return { subject: m.subject ?? "", text: m.text ?? "", html: typeof m.html === "string" ? m.html : "" };
}

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe("mail outbox over SMTP", () => {
  it("sends the activation e-mail over SMTP with a working link and no password", async () => {
    const smtp = await startSmtp();
    cleanup.push(() => new Promise<void>((r) => smtp.server.close(() => r())));
    const h: Harness = await makeHarness({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    cleanup.push(() => h.close());

    const cookie = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    const list = (await (await h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie })).json()) as {
      items: { id: string }[];
    };
    const clientId = list.items[0]?.id ?? "";
    const access = (await (await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/access`, { cookie })).json()) as {
      people: { personType: string; personId: string; email: string | null; status: string }[];
    };
    const father = access.people.find((p) => p.email === "vader@example.com");
    expect(father?.status).toBe("geen");
    const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/access/activate`, {
      cookie,
      body: { personType: father?.personType, personId: father?.personId },
    });
    expect(res.status).toBe(201);

    // Two mails: the father's activation, and to the mother (gezag, with access) that someone new got access.
    expect(await h.deps.mailer.deliverDue()).toBe(2);
    expect(smtp.received).toHaveLength(2);
    const mail = smtp.received.find((m) => m.to.includes("vader@example.com")) as Received;
    expect(mail.to).toEqual(["vader@example.com"]);
    const notice = smtp.received.find((m) => m.to.includes("ouder@example.com")) as Received;
    const told = await parse(notice.raw);
    expect(told.subject).toBe("Bericht van het Zorggroep Het Baken cliëntenportaal");
    expect(told.text).toContain("Iemand heeft zojuist toegang gekregen");
    expect(told.text).toMatch(/Inloggen: http:\/\/localhost:\d+\/inloggen/);
    for (const name of ["Mark", "Petra", "Jansen", "Sanne"]) expect(told.text + told.html).not.toContain(name);
    const parsed = await parse(mail.raw);
    expect(parsed.subject).toBe("Activeer uw account voor het Zorggroep Het Baken cliëntenportaal");
    expect(parsed.text + parsed.html).not.toMatch(/Demo-wachtwoord|wachtwoord:/i);
    const token = /\/activeren#([a-z2-7]{32})/.exec(parsed.text)?.[1];
    expect(parsed.html).toContain(`/activeren#${token}`);
    expect(token).toBeDefined();
    const status = await h.request(HET_BAKEN, "POST", "/api/activation/status", { body: { token } });
    expect(status.status).toBe(200);
    expect(((await status.json()) as { step: string }).step).toBe("birth-date");
    // Sent once: a second round finds nothing to send.
    expect(await h.deps.mailer.deliverDue()).toBe(0);
  });

  it("keeps mail while the SMTP server is down and sends it exactly once when it is back", async () => {
    const port = await freePort();
    const h = await makeHarness({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    cleanup.push(() => h.close());

    const res = await h.request(HET_BAKEN, "POST", "/api/auth/password-reset/request", { body: { email: "ouder@example.com" } });
    expect(res.status).toBe(200);
    // The link is made after the answer (the same time for every address), from the next turn of the event
    // loop on; its queries take turns of their own (round trips on PostgreSQL): wait for its mail, at most 5 s.
    await new Promise((r) => setImmediate(r));
    for (let end = Date.now() + 5_000; Date.now() < end; await new Promise((r) => setTimeout(r, 5)))
      if (await h.deps.db.$raw.get("SELECT id FROM mail_outbox WHERE to_address = ?", "ouder@example.com")) break;
    expect(await h.deps.mailer.deliverDue()).toBe(0);
    const row = (await h.deps.db.$raw.get(
      "SELECT status, attempts, last_error FROM mail_outbox WHERE to_address = ?",
      "ouder@example.com",
    )) as {
      status: string;
      attempts: number;
      last_error: string | null;
    };
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();

    const smtp = await startSmtp(port);
    cleanup.push(() => new Promise<void>((r) => smtp.server.close(() => r())));
    // Still inside the backoff: nothing is tried yet.
    expect(await h.deps.mailer.deliverDue()).toBe(0);
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await h.deps.mailer.deliverDue()).toBe(1);
    expect(await h.deps.mailer.deliverDue()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect((await parse(smtp.received[0]?.raw ?? "")).text).toContain("/wachtwoord-herstellen#");
  });
});
