// The authorization matrix: every route of the BFF's own route table × every kind of caller × the
// objects of two organizations. Who may reach what is written out below; everything else must be refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointsOf, fillPath, PUBLIC_ROUTES } from "../test-support/route-table";
import { HOST, makeWorld, type Org, paramsFor, type World } from "../test-support/security-world";

/**
 * Who may reach each route, as role tokens (`a+b` needs both). A caller's roles hold only toward the
 * objects of its own organization; toward the other organization's objects it has none. A route missing
 * here fails the suite, so a new route needs a decision.
 *
 * signedIn: password and second factor passed · half: password only · cov: client or relation ·
 * portal: active grant to the portal · participant: takes part in the conversation (issue 14; a late joiner
 * of the portal does not) · ownPortal: a client's own account with its own portal open · shared: the document is shared with them · owner: the diary entry,
 * session, device or factor is theirs · gezag: client or relation with gezag · staff · seesClient: staff
 * who may see this client (beheer/secretariaat, else the care team) · can:<capability>: staff whose role
 * has it in the one table of `@portaal/shared/roles` (can:care.content — dossier content, messages,
 * diaries, questionnaires and answers — is not the secretariaat's: need to know).
 */
const MAY: Record<string, string[]> = {
  // The second factor: a half session continues; a full session is told it is done.
  "POST /api/auth/totp": ["half", "signedIn"],
  "POST /api/auth/webauthn/options": ["half", "signedIn"],
  "POST /api/auth/webauthn/verify": ["half", "signedIn"],
  "POST /api/auth/email-code/send": ["half", "signedIn"],
  "POST /api/auth/email-code/verify": ["half", "signedIn"],

  "GET /api/me": ["signedIn"],
  "POST /api/me/tour-seen": ["signedIn"],
  "POST /api/me/terms": ["signedIn"],

  "GET /api/account": ["signedIn"],
  "POST /api/account/password": ["signedIn"],
  "POST /api/account/reauth": ["signedIn"],
  "POST /api/account/totp/setup": ["signedIn"],
  "POST /api/account/totp/confirm": ["signedIn"],
  "POST /api/account/webauthn/options": ["signedIn"],
  "POST /api/account/webauthn/verify": ["signedIn"],
  "POST /api/account/secret-question": ["signedIn"],
  "POST /api/account/close-request": ["signedIn"],
  "POST /api/account/totp/:id/remove": ["owner"],
  // No security key exists in the demo: the id is nobody's, so nobody may remove it.
  "POST /api/account/security-keys/:id/remove": [],
  "POST /api/account/devices/:id/revoke": ["owner"],
  "POST /api/account/sessions/:id/revoke": ["owner"],

  "GET /api/beheer/clients": ["staff"],
  "GET /api/beheer/contacts": ["can:access.manage"],
  // Werkvoorraad: blocked accounts, close requests and dead activation links of the whole organization.
  "GET /api/beheer/work-queue": ["can:access.manage"],
  "GET /api/beheer/clients/:clientId": ["seesClient"],
  "POST /api/beheer/clients/:clientId/relations": ["can:access.manage"],
  "POST /api/beheer/clients/:clientId/relations/link": ["can:access.manage"],
  // Client records (issue 14): the secretariaat and beheerders; stale versions below, so nothing changes.
  "POST /api/beheer/clients": ["can:clients.manage"],
  "PATCH /api/beheer/clients/:clientId": ["seesClient+can:clients.manage"],
  "POST /api/beheer/clients/:clientId/placements": ["seesClient+can:clients.manage"],
  "PATCH /api/beheer/clients/:clientId/placements/:placementId": ["seesClient+can:clients.manage"],
  "PATCH /api/beheer/clients/:clientId/relations/:relationId": ["seesClient+can:clients.manage"],
  "POST /api/beheer/clients/:clientId/relations/:relationId/end": ["seesClient+can:clients.manage"],
  "GET /api/beheer/clients/:clientId/access": ["can:access.manage"],
  "POST /api/beheer/clients/:clientId/access/activate": ["can:access.manage"],
  "POST /api/beheer/clients/:clientId/access/:accountId/secret-check": ["can:access.manage"],
  // Lifting the block after too many wrong answers: the beheerder alone.
  "POST /api/beheer/clients/:clientId/access/:accountId/secret-check/reset": ["can:secret.reset"],
  "POST /api/beheer/clients/:clientId/access/:accountId/:action": ["can:access.manage"],
  "GET /api/beheer/clients/:clientId/documents": ["seesClient+can:care.content"],
  "POST /api/beheer/clients/:clientId/documents": ["seesClient+can:care.content"],
  "POST /api/beheer/clients/:clientId/documents/:documentId/shares": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/documents/:documentId/file": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/uploads": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/uploads/:uploadId/file": ["seesClient+can:care.content"],
  "POST /api/beheer/clients/:clientId/uploads/:uploadId/keep": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/appointments": ["seesClient"],
  "POST /api/beheer/clients/:clientId/appointments": ["seesClient"],
  "POST /api/beheer/clients/:clientId/appointments/:appointmentId": ["seesClient"],
  "POST /api/beheer/clients/:clientId/threads": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/threads/:threadId": ["seesClient+can:care.content"],
  "POST /api/beheer/clients/:clientId/threads/:threadId/messages": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/diary": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/assignments": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/assignments/people": ["seesClient+can:care.content"],
  "POST /api/beheer/clients/:clientId/assignments": ["seesClient+can:care.content"],
  "GET /api/beheer/clients/:clientId/assignments/:assignmentId": ["seesClient+can:care.content"],
  "GET /api/beheer/questionnaires": ["staff"],
  "POST /api/beheer/questionnaires": ["can:care.content"],
  "GET /api/beheer/questionnaires/:questionnaireId": ["staff"],
  "GET /api/beheer/inbox": ["can:care.content"],
  // Issue 11: whom a conversation can be for (names of the care team), and attachments of a thread.
  "GET /api/beheer/clients/:clientId/team": ["seesClient"],
  "GET /api/beheer/clients/:clientId/threads/:threadId/attachments/:attachmentId": ["seesClient+can:care.content"],
  // Issue 13, Organisatie: Gebruiksvoorwaarden and Logboek, the beheerder alone, each on their own organization.
  "GET /api/beheer/organization/terms": ["can:terms.manage"],
  "POST /api/beheer/organization/terms": ["can:terms.manage"],
  "GET /api/beheer/organization/audit-log": ["can:audit.read"],
  "GET /api/beheer/organization/audit-log/options": ["can:audit.read"],
  "GET /api/beheer/organization/audit-log/export": ["can:audit.read"],
  "GET /api/beheer/organization/audit-log/verification": ["can:audit.read"],
  "POST /api/beheer/organization/audit-log/verification": ["can:audit.read"],

  // Organisatie (issue 13): the organization's settings, logo and announcement, and its security policy.
  "GET /api/beheer/organization/settings": ["can:organization.manage"],
  "PUT /api/beheer/organization/settings": ["can:organization.manage"],
  "POST /api/beheer/organization/settings/logo": ["can:organization.manage"],
  "POST /api/beheer/organization/settings/logo/remove": ["can:organization.manage"],
  "GET /api/beheer/organization/policy": ["can:policy.manage"],
  "PUT /api/beheer/organization/policy": ["can:policy.manage"],
  // Medewerkers (Beheer → Organisatie): the beheerder alone; the other organization's staff ids are 404.
  "GET /api/beheer/organization/staff": ["can:staff.manage"],
  "POST /api/beheer/organization/staff": ["can:staff.manage"],
  "GET /api/beheer/organization/staff/:staffId": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/role": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/deactivate": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/reactivate": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/unblock": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/reset-second-factor": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/resend-invitation": ["can:staff.manage"],
  "POST /api/beheer/organization/staff/:staffId/care-team": ["can:staff.manage"],
  "DELETE /api/beheer/organization/staff/:staffId/care-team/:clientId": ["can:staff.manage"],

  // Issue 14: consent after 16 — staff who manage access record it; the client (own account, own portal
  // open) switches it in Mijn account.
  "POST /api/beheer/clients/:clientId/consents": ["can:access.manage"],
  "GET /api/account/portal-viewers": ["ownPortal"],
  "PUT /api/account/portal-viewers": ["ownPortal"],

  "GET /api/portal/:clientId/overview": ["portal"],
  "GET /api/portal/:clientId/documents": ["portal"],
  "GET /api/portal/:clientId/documents/:documentId": ["portal+shared"],
  "GET /api/portal/:clientId/documents/:documentId/file": ["portal+shared"],
  "POST /api/portal/:clientId/uploads": ["portal"],
  "GET /api/portal/:clientId/access-log": ["portal+gezag"],
  "GET /api/portal/:clientId/appointments": ["portal"],
  "GET /api/portal/:clientId/appointments/:appointmentId/ics": ["portal"],
  "GET /api/portal/:clientId/threads": ["portal"],
  "GET /api/portal/:clientId/unread": ["portal"],
  "POST /api/portal/:clientId/threads": ["portal"],
  "GET /api/portal/:clientId/threads/:threadId": ["portal+participant"],
  "POST /api/portal/:clientId/threads/:threadId/messages": ["portal+participant"],
  "GET /api/portal/:clientId/diary": ["portal"],
  "POST /api/portal/:clientId/diary": ["portal"],
  "PUT /api/portal/:clientId/diary/:entryId": ["portal+owner"],
  "DELETE /api/portal/:clientId/diary/:entryId": ["portal+owner"],
  "POST /api/portal/:clientId/diary/:entryId/share": ["portal+owner"],
  "GET /api/portal/:clientId/assignments": ["portal"],
  "GET /api/portal/:clientId/assignments/:assignmentId": ["portal"],
  "PUT /api/portal/:clientId/assignments/:assignmentId/answers": ["portal"],
  "POST /api/portal/:clientId/assignments/:assignmentId/submit": ["portal"],
  // Issue 11: one's own uploads (the other parent sees and removes none of them), the care team to write
  // to, and attachments of the portal's threads.
  "GET /api/portal/:clientId/uploads": ["portal"],
  "DELETE /api/portal/:clientId/uploads/:uploadId": ["portal+owner"],
  "GET /api/portal/:clientId/team": ["portal"],
  "GET /api/portal/:clientId/threads/:threadId/attachments/:attachmentId": ["portal+participant"],
  // Issue 14: who in the portal a new conversation can be for (names and roles); staff's list of them,
  // and staff adding a portal person to a conversation they read.
  "GET /api/portal/:clientId/people": ["portal"],
  "GET /api/beheer/clients/:clientId/portal-people": ["seesClient"],
  "POST /api/beheer/clients/:clientId/threads/:threadId/participants": ["seesClient+can:care.content"],
};

/**
 * Bodies that pass validation, for routes whose item check sits in the repository query after parsing
 * (CONVENTIONS 5): with an empty body every caller would stop at a 400 and the check would go untested.
 * Others get `{}`: a caller who is let through stops at validation, so no state changes.
 */
const VALID_BODY: Record<string, unknown> = {
  // An old version: the owner gets a conflict, nothing is overwritten.
  "PUT /api/portal/:clientId/diary/:entryId": { entryDate: "2026-11-01", body: "Bijgewerkt door de matrix", version: 999 },
  "POST /api/portal/:clientId/diary/:entryId/share": { shared: false },
  // Client records: a stale version, so the allowed caller reaches the item check and gets a 409.
  "PATCH /api/beheer/clients/:clientId/placements/:placementId": {
    kind: "plaatsing",
    name: "Matrix",
    startDate: "2026-01-01",
    version: 999,
  },
  "PATCH /api/beheer/clients/:clientId/relations/:relationId": { role: "ouder", gezag: true, version: 999 },
  "POST /api/beheer/clients/:clientId/relations/:relationId/end": { version: 999 },
};

/** Query strings a route needs to answer at all. */
const QUERY: Record<string, string> = { "GET /api/beheer/contacts": "?q=Jansen" };

const DENIED = new Set([401, 403, 404]);

function allowed(rule: string[], roles: string[]): boolean {
  return rule.some((alt) => alt.split("+").every((r) => roles.includes(r)));
}

/** Removing and deleting run last, the allowed caller after the refused ones, so the object exists for all. */
function destructive(method: string, path: string): boolean {
  return method === "DELETE" || /\/(remove|revoke)$/.test(path);
}

let world: World;
beforeAll(async () => {
  world = await makeWorld();
}, 120_000);
afterAll(() => world.h.close());

describe("authorization matrix", () => {
  it("every route of the route table is either public with a reason or in the table", () => {
    const keys = endpointsOf(world.h.app).map((e) => e.key);
    const undecided = keys.filter((k) => !(k in PUBLIC_ROUTES) && !(k in MAY));
    expect(undecided).toEqual([]);
    // And the table names no route that no longer exists.
    expect(Object.keys(MAY).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it("every caller gets exactly what the table allows, on the objects of both organizations", async () => {
    const { h, actors } = world;
    type Cell = { route: string; actor: string; objects: Org | "-"; url: string; method: string; allow: boolean; host: string };
    const cells: Cell[] = [];
    for (const e of endpointsOf(h.app)) {
      if (e.key in PUBLIC_ROUTES) continue;
      const rule = MAY[e.key] ?? [];
      for (const actor of actors) {
        // Routes without objects are about the caller's own things; routes with objects run on both organizations'.
        const orgs: (Org | "-")[] = e.params.length === 0 ? ["-"] : ["A", "B"];
        for (const objects of orgs) {
          const own = objects === "-" || objects === actor.org;
          const url = (objects === "-" ? e.path : fillPath(e.path, paramsFor(world, e.path, objects))) + (QUERY[e.key] ?? "");
          cells.push({
            route: e.key,
            actor: actor.name,
            objects,
            url,
            method: e.method,
            allow: own && allowed(rule, actor.roles),
            host: HOST[actor.org],
          });
        }
      }
    }
    const rank = (c: Cell) => (destructive(c.method, c.url) ? 2 : 0) + (c.allow ? 1 : 0);
    cells.sort((a, b) => rank(a) - rank(b));

    const wrong: string[] = [];
    let allowedCells = 0;
    let succeeded = 0;
    for (const cell of cells) {
      const actor = actors.find((a) => a.name === cell.actor);
      const body = cell.method === "GET" || cell.method === "DELETE" ? undefined : (VALID_BODY[cell.route] ?? {});
      const res = await h.request(cell.host, cell.method, cell.url, { cookie: actor?.cookie ?? "", body });
      const text = await res.text();
      // A read that is allowed must succeed: that proves the objects are real and the caller is who we think.
      const through = cell.method === "GET" ? res.status >= 200 && res.status < 300 : !DENIED.has(res.status);
      const ok = res.status < 500 && (cell.allow ? through : DENIED.has(res.status));
      if (cell.allow) allowedCells++;
      if (cell.allow && res.status < 300) succeeded++;
      if (!ok)
        wrong.push(
          `${cell.route} as ${cell.actor} on ${cell.objects}: ${res.status} (expected ${cell.allow ? "through" : "refused"}) ${text.slice(0, 160)}`,
        );
    }
    console.log(
      `[authorization matrix] ${cells.length} cells checked (${allowedCells} allowed, ${succeeded} of them 2xx; ${cells.length - allowedCells} refused), ` +
        `${new Set(cells.map((c) => c.route)).size} routes × ${actors.length} callers × objects of 2 organizations`,
    );
    expect(wrong).toEqual([]);
    expect(cells.length).toBeGreaterThan(1500);
  });
});
