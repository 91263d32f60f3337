// Afspraken: staff plan and change; the portal lists upcoming and past; the .ics file follows RFC 5545
// as calendar apps read it (parsed back with ical.js); other people get nothing.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let clientId: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
});
afterAll(() => h.close());

const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
inTwoDays.setUTCHours(13, 30, 0, 0);

describe("appointments", () => {
  it("are planned by staff, checked, and shown to the parent as upcoming", async () => {
    const bad = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments`, {
      cookie: staff,
      body: { startsAt: "morgen", durationMinutes: 1, practitionerName: "" },
    });
    expect(bad.status).toBe(400);
    const fields = (await json<{ error: { fields: Record<string, string> } }>(bad)).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["durationMinutes", "location", "practitionerName", "startsAt"]);
    const noPlace = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments`, {
      cookie: staff,
      body: { startsAt: inTwoDays.toISOString(), durationMinutes: 45, practitionerName: "Joost Verbeek" },
    });
    expect(noPlace.status).toBe(400);
    const created = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments`, {
      cookie: staff,
      body: {
        startsAt: inTwoDays.toISOString(),
        durationMinutes: 45,
        practitionerName: "Joost Verbeek",
        location: "Lindelaan 4, Zwolle; kamer 2",
      },
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const mine = await json<{ upcoming: { id: string; startsAt: number }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments`, { cookie: parent }),
    );
    expect(mine.upcoming.find((a) => a.id === id)?.startsAt).toBe(inTwoDays.getTime());

    const ics = await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments/${id}/ics`, { cookie: parent });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ics.headers.get("content-disposition")).toMatch(/attachment; filename="afspraak-\d{4}-\d{2}-\d{2}\.ics"/);
    const text = await ics.text();
    // RFC 5545: CRLF line ends, no line longer than 75 octets, the required properties.
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line, "utf8") <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") ?? undefined);
    expect(event.uid).toBe(`${id}@clientenportaal`);
    expect(event.startDate.toJSDate().getTime()).toBe(inTwoDays.getTime());
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(45 * 60_000);
    expect(event.location).toBe("Lindelaan 4, Zwolle; kamer 2");
    expect(calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("dtstamp")).toBeTruthy();

    // Staff change it; cancelled appointments say so in the calendar file.
    const update = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments/${id}`, {
      cookie: staff,
      body: {
        startsAt: inTwoDays.toISOString(),
        durationMinutes: 30,
        practitionerName: "Joost Verbeek",
        videoUrl: "https://video.example/kamer-12",
        status: "afgezegd",
        version: 1,
      },
    });
    expect(update.status).toBe(200);
    const cancelled = await (
      await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments/${id}/ics`, { cookie: parent })
    ).text();
    expect(new ICAL.Component(ICAL.parse(cancelled)).getFirstSubcomponent("vevent")?.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("are edited and cancelled by staff; the portal shows the change and the .ics replaces the earlier copy", async () => {
    const base = { startsAt: inTwoDays.toISOString(), durationMinutes: 45, practitionerName: "Joost Verbeek", location: "Kamer 1" };
    const { id } = await json<{ id: string }>(
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments`, { cookie: staff, body: base }),
    );
    const portal = async () =>
      (
        await json<{ upcoming: { id: string; changedAt: number | null; description: string | null; status: string; startsAt: number }[] }>(
          h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments`, { cookie: parent }),
        )
      ).upcoming.find((a) => a.id === id);
    const vevent = async () => {
      const text = await (await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments/${id}/ics`, { cookie: parent })).text();
      return { text, event: new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent") as ICAL.Component };
    };
    expect((await portal())?.changedAt).toBeNull();
    const first = await vevent();
    expect(first.event.getFirstPropertyValue("sequence")).toBe(0);

    // Moved an hour later, to another room, another practitioner, with a description.
    const later = new Date(inTwoDays.getTime() + 3_600_000);
    const edit = {
      ...base,
      startsAt: later.toISOString(),
      durationMinutes: 60,
      practitionerName: "Ayse Demir",
      location: "Kamer 7",
      description: "Evaluatie van de afgelopen maand",
      version: 1,
    };
    const moved = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments/${id}`, { cookie: staff, body: edit });
    expect(moved.status).toBe(200);
    const shown = await portal();
    expect(shown).toMatchObject({ startsAt: later.getTime(), description: "Evaluatie van de afgelopen maand", status: "gepland" });
    expect(shown?.changedAt).toBeGreaterThan(Date.now() - 60_000);
    const second = await vevent();
    expect(second.event.getFirstPropertyValue("uid")).toBe(`${id}@clientenportaal`);
    expect(second.event.getFirstPropertyValue("sequence")).toBe(1);
    expect(second.event.getFirstPropertyValue("location")).toBe("Kamer 7");
    expect(new ICAL.Event(second.event).startDate.toJSDate().getTime()).toBe(later.getTime());
    // The description is for the portal: a calendar file (often synced to a cloud) carries none of it.
    expect(second.text).not.toContain("Evaluatie");

    // A stale edit (made on version 1) is refused and changes nothing.
    const stale = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments/${id}`, {
      cookie: staff,
      body: { ...edit, location: "Kamer 9" },
    });
    expect(stale.status).toBe(409);
    expect((await json<{ error: { message: string } }>(stale)).error.message).toContain("Iemand anders");
    expect((await vevent()).event.getFirstPropertyValue("location")).toBe("Kamer 7");

    // Cancelled: the same UID, a higher SEQUENCE, STATUS:CANCELLED.
    const cancel = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments/${id}`, {
      cookie: staff,
      body: { ...edit, status: "afgezegd", version: 2 },
    });
    expect(cancel.status).toBe(200);
    expect((await portal())?.status).toBe("afgezegd");
    const third = await vevent();
    expect([
      third.event.getFirstPropertyValue("uid"),
      third.event.getFirstPropertyValue("sequence"),
      third.event.getFirstPropertyValue("status"),
    ]).toEqual([`${id}@clientenportaal`, 2, "CANCELLED"]);

    // A description that is too long is refused with a Dutch message and changes nothing.
    const long = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/appointments/${id}`, {
      cookie: staff,
      body: { ...edit, description: "x".repeat(301), version: 3 },
    });
    expect(long.status).toBe(400);
    expect((await json<{ error: { fields: Record<string, string> } }>(long)).error.fields.description).toContain("te lang");
  });

  it("are nobody else's business", async () => {
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments`, { cookie: lotte })).status).toBe(403);
    const other = await h.login(NOORDERLICHT, "behandelaar@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/appointments`, { cookie: other })).status).toBe(404);
    const body = { startsAt: inTwoDays.toISOString(), durationMinutes: 30, practitionerName: "X", location: "Y" };
    expect((await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${clientId}/appointments`, { cookie: other, body })).status).toBe(
      404,
    );
  });
});
