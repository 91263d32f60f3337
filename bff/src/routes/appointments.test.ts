// Afspraken: staff plan and change; the portal lists upcoming and past; the .ics file follows RFC 5545
// as calendar apps read it (parsed back with ical.js); other people get nothing.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../test-support/app-harness";

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
