// Berichten with files and chosen recipients: attachments are checked by content like uploads, fetched only
// through a thread the caller may read (audited), a new conversation can be for part of the care team
// (the others neither see it nor get mail), and every thread says who can read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { EXE_BYTES, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT, PDF_BYTES } from "../../test-support/app-harness";
import { filesFingerprint } from "../../test-support/db-fingerprint";

const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
);

let h: Harness;
let parent: string;
let joost: string;
let ayse: string;
let clientId: string;
let joostId: string;
let ayseId: string;

type Detail = {
  messages: { body: string; sender: string; mine: boolean; attachments: { id: string; name: string; mime: string; size: number }[] }[];
  readers: { portal: { name: string; you: boolean }[]; staff: { name: string; role: string; you: boolean }[]; wholeTeam: boolean };
};
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const accountId = async (email: string) =>
  ((await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string }).id;
// count(*) is a bigint on PostgreSQL (a string from the driver).
const count = async (table: string) => Number(((await h.deps.db.$raw.get(`SELECT count(*) n FROM ${table}`)) as { n: number }).n);

function form(fields: Record<string, string | string[]>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  for (const file of files) f.append("file", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
  return f;
}
const post = (url: string, cookie: string, body: FormData, host = HET_BAKEN) =>
  h.app.request(url, { method: "POST", headers: { Host: host, Origin: `http://${host}`, Cookie: cookie }, body });

beforeAll(async () => {
  h = await makeHarness();
  joost = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  ayse = await h.login(HET_BAKEN, "begeleider2@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  // Daan's care team is Joost and Ayse (the demo seed): a choice to make.
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Daan%20Jansen", { cookie: ayse }),
  );
  clientId = list.items[0]?.id ?? "";
  joostId = await accountId("begeleider@hetbaken.example");
  ayseId = await accountId("begeleider2@hetbaken.example");
});
afterAll(() => h.close());

describe("message attachments and recipients", () => {
  let threadId = "";

  it("lists the client's care team as the possible recipients", async () => {
    const team = await json<{ items: { id: string; name: string; role: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/team`, { cookie: parent }),
    );
    expect(team.items.map((m) => m.id).sort()).toEqual([joostId, ayseId].sort());
    expect(team.items.every((m) => m.role === "begeleider")).toBe(true);
  });

  it("starts a conversation with two files for one chosen team member; the other is not told and cannot read it", async () => {
    const mailsBefore = (await listMailbox(h.deps.db, "begeleider2@hetbaken.example")).length;
    const res = await post(
      `/api/portal/${clientId}/threads`,
      parent,
      form({ subject: "Verslag school", body: "Hierbij het verslag en een foto.", staffIds: joostId }, [
        { name: "verslag.pdf", bytes: PDF_BYTES, type: "application/pdf" },
        { name: "foto.png", bytes: PNG, type: "image/png" },
      ]),
    );
    expect(res.status).toBe(201);
    threadId = (await json<{ id: string }>(res)).id;

    const detail = await json<Detail>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads/${threadId}`, { cookie: parent }));
    expect(detail.messages[0]?.attachments.map((a) => [a.name, a.mime])).toEqual([
      ["verslag.pdf", "application/pdf"],
      ["foto.png", "image/png"],
    ]);
    expect(detail.messages[0]?.sender).toBe("Petra Jansen");
    expect(detail.readers.portal).toContainEqual({ name: "Petra Jansen", you: true });
    expect(detail.readers.staff).toEqual([{ name: "Joost Verbeek", role: "begeleider", you: false }]);
    expect(detail.readers.wholeTeam).toBe(false);

    const inbox = (cookie: string) => json<{ items: { id: string }[] }>(h.request(HET_BAKEN, "GET", "/api/beheer/inbox", { cookie }));
    expect((await inbox(joost)).items.some((t) => t.id === threadId)).toBe(true);
    expect((await inbox(ayse)).items.some((t) => t.id === threadId)).toBe(false);
    expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/threads/${threadId}`, { cookie: ayse })).status).toBe(404);
    const attachment = detail.messages[0]?.attachments[0]?.id ?? "";
    expect(
      (await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/threads/${threadId}/attachments/${attachment}`, { cookie: ayse }))
        .status,
    ).toBe(404);
    expect((await listMailbox(h.deps.db, "begeleider2@hetbaken.example")).length).toBe(mailsBefore);
    // Joost is told, without subject, text or file names.
    const mail = (await listMailbox(h.deps.db, "begeleider@hetbaken.example"))[0];
    expect(`${mail?.subject} ${mail?.text} ${mail?.html}`).not.toMatch(/Verslag school|verslag\.pdf|foto\.png|Hierbij/);
  });

  it("previews and downloads an attachment for the thread's readers, audited, and for staff who read it", async () => {
    const detail = await json<Detail>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads/${threadId}`, { cookie: parent }));
    const pdf = detail.messages[0]?.attachments[0]?.id ?? "";
    const url = `/api/portal/${clientId}/threads/${threadId}/attachments/${pdf}`;
    const view = await h.request(HET_BAKEN, "GET", url, { cookie: parent });
    expect(view.status).toBe(200);
    expect(view.headers.get("content-type")).toBe("application/pdf");
    expect(view.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(new Uint8Array(await view.arrayBuffer())).toEqual(PDF_BYTES);
    const download = await h.request(HET_BAKEN, "GET", `${url}?download=1`, { cookie: parent });
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;.*verslag\.pdf/);
    const staffDownload = await h.request(
      HET_BAKEN,
      "GET",
      `/api/beheer/clients/${clientId}/threads/${threadId}/attachments/${pdf}?download=1`,
      { cookie: joost },
    );
    expect(staffDownload.status).toBe(200);
    const audit = await h.deps.db.$raw.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'attachment' AND object_id = ? AND outcome = 'success' ORDER BY seq",
      pdf,
    );
    expect(audit.map((a) => a.action)).toEqual(["message.attachment.view", "message.attachment.download", "message.attachment.download"]);
  });

  it("refuses files by content like uploads: nothing is written, no file stays on disk", async () => {
    const before = { threads: await count("message_threads"), messages: await count("messages"), files: await count("files") };
    const disk = filesFingerprint(h.dataDir);
    const cases: [string, Uint8Array, number, RegExp][] = [
      ["factuur.pdf", EXE_BYTES, 400, /inhoud telt/],
      ["half.pdf", PDF_BYTES.subarray(0, PDF_BYTES.length - 8), 400, /onvolledig/],
      ["scan.pdf", PNG, 400, /heet \.pdf, maar het is een PNG/],
      ["leeg.pdf", new Uint8Array(), 400, /leeg/],
    ];
    for (const [name, bytes, status, message] of cases) {
      // A good file beside the bad one: the whole message is refused, the good file not kept either.
      const res = await post(
        `/api/portal/${clientId}/threads`,
        parent,
        form({ subject: "Met bijlage", body: "Zie bijlage." }, [
          { name: "goed.pdf", bytes: PDF_BYTES },
          { name, bytes },
        ]),
      );
      expect(res.status, name).toBe(status);
      const err = await json<{ error: { message: string; fields: { file: string } } }>(res);
      expect(err.error.message).toMatch(message);
      expect(err.error.fields.file).toContain(name);
    }
    const reply = await post(
      `/api/portal/${clientId}/threads/${threadId}/messages`,
      parent,
      form({ body: "Nog een" }, [{ name: "a.exe", bytes: EXE_BYTES }]),
    );
    expect(reply.status).toBe(400);
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.pdf`, bytes: PDF_BYTES }));
    const tooMany = await post(`/api/portal/${clientId}/threads`, parent, form({ subject: "Veel", body: "Veel bestanden" }, six));
    expect(tooMany.status).toBe(400);
    expect((await json<{ error: { message: string } }>(tooMany)).error.message).toMatch(/hoogstens 5 bestanden/);
    const huge = await post(
      `/api/portal/${clientId}/threads`,
      parent,
      form({ subject: "Groot", body: "Groot" }, [{ name: "groot.pdf", bytes: new Uint8Array(22 * 1024 * 1024) }]),
    );
    expect(huge.status).toBe(413);
    expect({ threads: await count("message_threads"), messages: await count("messages"), files: await count("files") }).toEqual(before);
    expect(filesFingerprint(h.dataDir)).toBe(disk);
  });

  it("recipients must be in the client's care team; without a choice the whole team reads it", async () => {
    const sanne = (
      (await h.deps.db.$raw.get("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'")) as { id: string }
    ).id;
    // Ayse is not in Sanne's team.
    const outside = await h.request(HET_BAKEN, "POST", `/api/portal/${sanne}/threads`, {
      cookie: parent,
      body: { subject: "Vraag", body: "Vraag", staffIds: [ayseId] },
    });
    expect(outside.status).toBe(400);
    expect((await json<{ error: { code: string } }>(outside)).error.code).toBe("not_in_team");
    const none = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, {
      cookie: parent,
      body: { subject: "Vraag", body: "Vraag", staffIds: [] },
    });
    expect(none.status).toBe(400);
    const team = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, {
      cookie: parent,
      body: { subject: "Voor iedereen", body: "Voor het hele team" },
    });
    expect(team.status).toBe(201);
    const id = (await json<{ id: string }>(team)).id;
    const asAyse = await json<Detail>(h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/threads/${id}`, { cookie: ayse }));
    expect(asAyse.readers.wholeTeam).toBe(true);
    expect(asAyse.readers.staff.map((s) => s.name)).toEqual(["Ayse Demir", "Joost Verbeek"]);
    expect(asAyse.readers.staff.find((s) => s.you)?.name).toBe("Ayse Demir");
  });

  it("staff attach files to a reply; the parent downloads them; other portals and organizations get nothing", async () => {
    const res = await post(
      `/api/beheer/clients/${clientId}/threads/${threadId}/messages`,
      joost,
      form({ body: "Dank u, hierbij het plan." }, [{ name: "plan.pdf", bytes: PDF_BYTES }]),
    );
    expect(res.status).toBe(201);
    const detail = await json<Detail>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads/${threadId}`, { cookie: parent }));
    const plan = detail.messages.at(-1)?.attachments[0];
    expect(plan?.name).toBe("plan.pdf");
    const url = `/api/portal/${clientId}/threads/${threadId}/attachments/${plan?.id}`;
    expect((await h.request(HET_BAKEN, "GET", url, { cookie: parent })).status).toBe(200);
    // An attachment id of this thread under another thread of the same portal: not found.
    const other = (await h.deps.db.$raw.get(
      "SELECT id FROM message_threads WHERE client_id = ? AND id <> ? LIMIT 1",
      clientId,
      threadId,
    )) as {
      id: string;
    };
    expect(
      (await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads/${other.id}/attachments/${plan?.id}`, { cookie: parent })).status,
    ).toBe(404);
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", url, { cookie: lotte })).status).toBe(403);
    const stranger = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect(
      (
        await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/threads/${threadId}/attachments/${plan?.id}`, {
          cookie: stranger,
        })
      ).status,
    ).toBe(404);
  });
});
