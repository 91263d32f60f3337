// A seeded demo with one of every kind of caller and real objects of both organizations, for the
// authorization matrix and the browser-security suite. Everything is made through the API, as users would.
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import type { StaffRole } from "@portaal/shared/auth";
import { CAPABILITIES, type Capability, can } from "@portaal/shared/roles";
import { handleOf } from "../auth/account-security";
import { DEMO_PASSWORD } from "../demo/seed";
import {
  activateContact,
  cookiesFrom,
  freshTotp,
  type Harness,
  HET_BAKEN,
  makeHarness,
  multipart,
  NOORDERLICHT,
  PDF_BYTES,
} from "./app-harness";
import { type Endpoint, PUBLIC_ROUTES } from "./route-table";

export type Org = "A" | "B";
export const HOST: Record<Org, string> = { A: HET_BAKEN, B: NOORDERLICHT };

export interface Actor {
  name: string;
  /** The organization whose host the actor calls. */
  org: Org;
  cookie: string;
  /** What the actor is, relative to the objects of its own organization (see the matrix table). */
  roles: string[];
}

/**
 * A staff caller's tokens: what its role may do, read from the one table in `@portaal/shared/roles`
 * (`can:<capability>`), plus what it is relative to the objects (e.g. seesClient).
 */
export function staffRoles(role: StaffRole, ...relative: string[]): string[] {
  const caps = (Object.keys(CAPABILITIES) as Capability[]).filter((cap) => can(role, cap)).map((cap) => `can:${cap}`);
  return ["signedIn", "staff", ...caps, ...relative];
}

export interface World {
  h: Harness;
  actors: Actor[];
  /** Path parameter values per organization: real ids from the seeded database and the API. */
  objects: Record<Org, Record<string, string>>;
  /** Object values per route segment where one name means different things (`:id` in /api/account). */
  accountItemIds: Record<Org, { totp: string; device: string; session: string; key: string }>;
}

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

async function row<T>(h: Harness, sql: string, ...args: unknown[]): Promise<T> {
  const r = await h.deps.db.$raw.get<T>(sql, ...args);
  if (!r) throw new Error(`fixture not found: ${sql} ${args.join(",")}`);
  return r;
}

async function orgId(h: Harness, host: string): Promise<string> {
  return (await row<{ id: string }>(h, "SELECT id FROM organizations WHERE hostname = ?", host)).id;
}

async function accountId(h: Harness, host: string, email: string): Promise<string> {
  return (await row<{ id: string }>(h, "SELECT id FROM accounts WHERE org_id = ? AND email = ?", await orgId(h, host), email)).id;
}

async function send(h: Harness, host: string, method: string, url: string, cookie: string, form: FormData): Promise<Response> {
  return h.app.request(url, { method, headers: { Host: host, Origin: `http://${host}`, Cookie: cookie }, body: form });
}

/** A document with a PDF, shared with one person; returns its id. */
async function sharedPdf(h: Harness, host: string, staff: string, clientId: string, withAccount: string): Promise<string> {
  const { form } = multipart(host, {
    kind: "document",
    title: "Zorgplan matrix",
    docDate: "2026-11-20",
    file: { name: "zorgplan.pdf", bytes: PDF_BYTES, type: "application/pdf" },
  });
  const res = await send(h, host, "POST", `/api/beheer/clients/${clientId}/documents`, staff, form);
  if (res.status !== 201) throw new Error(`document: ${res.status} ${await res.text()}`);
  const { id } = await json<{ id: string }>(res);
  const share = await h.request(host, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
    cookie: staff,
    body: { accountIds: [withAccount] },
  });
  if (share.status !== 200) throw new Error(`share: ${share.status}`);
  return id;
}

async function upload(h: Harness, host: string, cookie: string, clientId: string): Promise<string> {
  const { form } = multipart(host, { file: { name: "brief.pdf", bytes: PDF_BYTES, type: "application/pdf" }, note: "matrix" });
  const res = await send(h, host, "POST", `/api/portal/${clientId}/uploads`, cookie, form);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await json<{ id: string }>(res)).id;
}

/** A reply with a PDF in a thread of the portal; returns the attachment's id. */
async function attachment(h: Harness, host: string, cookie: string, clientId: string, threadId: string): Promise<string> {
  const form = new FormData();
  form.set("body", "Een bijlage voor de matrix.");
  form.set("file", new File([PDF_BYTES], "bijlage.pdf", { type: "application/pdf" }));
  const res = await send(h, host, "POST", `/api/portal/${clientId}/threads/${threadId}/messages`, cookie, form);
  if (res.status !== 201) throw new Error(`attachment: ${res.status} ${await res.text()}`);
  const { id } = await json<{ id: string }>(res);
  return (await row<{ id: string }>(h, "SELECT file_id id FROM message_attachments WHERE message_id = ?", id)).id;
}

async function diaryEntry(h: Harness, host: string, cookie: string, clientId: string): Promise<string> {
  const res = await h.request(host, "POST", `/api/portal/${clientId}/diary`, {
    cookie,
    body: { entryDate: "2026-11-01", mood: 3, tags: ["matrix"], body: "Een dagboekstuk voor de matrix." },
  });
  if (res.status !== 201) throw new Error(`diary: ${res.status} ${await res.text()}`);
  return (await json<{ id: string }>(res)).id;
}

/** A relation of the client (one is added when the demo gives the client none): its id. */
async function relationOf(h: Harness, org: string, clientId: string): Promise<string> {
  const raw = h.deps.db.$raw;
  const found = await raw.get<{ id: string }>("SELECT id FROM relations WHERE org_id = ? AND client_id = ? LIMIT 1", org, clientId);
  if (found) return found.id;
  const contactId = `matrixcontact${clientId}`.slice(0, 40);
  const id = `matrixrelation${clientId}`.slice(0, 40);
  await raw.run("INSERT INTO contacts (id, org_id, first_name, last_name) VALUES (?, ?, 'Matrix', 'Verwant')", contactId, org);
  await raw.run(
    "INSERT INTO relations (id, org_id, client_id, contact_id, role, gezag) VALUES (?, ?, ?, ?, 'verwant', false)",
    id,
    org,
    clientId,
    contactId,
  );
  return id;
}

/** A second, trusted login of the same person: its session and device become objects others must not touch. */
async function trustedLogin(h: Harness, host: string, email: string, password = DEMO_PASSWORD) {
  const login = await h.request(host, "POST", "/api/auth/login", { body: { email, password } });
  const half = cookiesFrom(login);
  const credential = await row<{ key_encrypted: string }>(
    h,
    "SELECT key_encrypted FROM totp_credentials WHERE account_id = ?",
    await accountId(h, host, email),
  );
  const secret = encodeBase32UpperCaseNoPadding(h.deps.secretBox.open(credential.key_encrypted));
  // Demo accounts count their codes per host; accounts made by activateContact per e-mail address.
  const code = password === DEMO_PASSWORD ? freshTotp(`${host}/${email}`) : freshTotp(email, secret);
  const totp = await h.request(host, "POST", "/api/auth/totp", { cookie: half, body: { code, trustDevice: true } });
  if (totp.status !== 200) throw new Error(`trusted login ${email}: ${totp.status} ${await totp.text()}`);
  const id = await accountId(h, host, email);
  const session = (await row<{ id: string }>(h, "SELECT id FROM sessions WHERE account_id = ? ORDER BY created_at DESC LIMIT 1", id)).id;
  const device = (await row<{ id: string }>(h, "SELECT id FROM trusted_devices WHERE account_id = ? LIMIT 1", id)).id;
  const totpId = (await row<{ id: string }>(h, "SELECT id FROM totp_credentials WHERE account_id = ? LIMIT 1", id)).id;
  return { session: handleOf(session), device: handleOf(device), totp: totpId };
}

export async function makeWorld(env: Record<string, string> = {}): Promise<World> {
  const h = await makeHarness(env);
  const A = HET_BAKEN;
  const B = NOORDERLICHT;
  const orgA = await orgId(h, A);
  const orgB = await orgId(h, B);
  const client = async (org: string, first: string, last: string) =>
    (await row<{ id: string }>(h, "SELECT id FROM clients WHERE org_id = ? AND first_name = ? AND last_name = ?", org, first, last)).id;
  const sanne = await client(orgA, "Sanne", "Jansen");
  const ruben = await client(orgB, "Ruben", "Visser");

  const secretariaat = await h.login(A, "secretariaat@hetbaken.example");
  const begeleider = await h.login(A, "begeleider@hetbaken.example");
  const behandelaarB = await h.login(B, "behandelaar@noorderlicht.example");
  const ouder = await h.login(A, "ouder@example.com");
  const clientB = await h.login(B, "client@example.net");

  // The owner has a grant to Sanne's portal, nothing shared with them, and owns a diary entry,
  // an upload and a second session and device.
  const person = (first: string, email: string) => ({ firstName: first, lastName: "Matrix", email, birthDate: "2012-03-14" });
  const ownerPassword = "Een-Heel-Sterk-Wachtwoord-9";
  const owner = await activateContact(h, A, secretariaat, sanne, person("Eigenaar", "eigenaar@example.org"), ownerPassword);
  const deactivated = await activateContact(h, A, secretariaat, sanne, person("Uitgeschakeld", "uit@example.org"));
  const blocked = await activateContact(h, A, secretariaat, sanne, person("Geblokkeerd", "blok@example.org"));
  const closed = await activateContact(h, A, secretariaat, sanne, person("Gesloten", "dicht@example.org"));
  for (const [email, action] of [
    ["uit@example.org", "deactivate"],
    ["dicht@example.org", "close"],
  ] as const) {
    const res = await h.request(A, "POST", `/api/beheer/clients/${sanne}/access/${await accountId(h, A, email)}/${action}`, {
      cookie: secretariaat,
    });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${await res.text()}`);
  }
  // Blocked the way it happens: five wrong passwords. Its earlier session cookie is kept.
  for (let i = 0; i < 5; i++)
    await h.request(A, "POST", "/api/auth/login", { body: { email: "blok@example.org", password: "Verkeerd-wachtwoord-1" } });
  if ((await row<{ status: string }>(h, "SELECT status FROM accounts WHERE email = 'blok@example.org'")).status !== "blocked")
    throw new Error("not blocked");

  // Issue 14's new people. A verwant (no gezag) of Sanne, activated with a parent's consent that was then
  // revoked: the grant is still there (no job ran), the care rules refuse it on every request.
  const verwant = await activateContact(h, A, secretariaat, sanne, {
    ...person("Verwant", "verwant.matrix@example.org"),
    role: "verwant",
    gezag: false,
  });
  const consentRow = await row<{ relation_id: string; gezag_relation_id: string }>(
    h,
    "SELECT relation_id, gezag_relation_id FROM portal_consents WHERE contact_id = (SELECT contact_id FROM accounts WHERE email = ?)",
    "verwant.matrix@example.org",
  );
  // A parent of a client of 17 (Jesse) whose consent the client withdrew: signed in, no portal.
  const jesse = await client(orgA, "Jesse", "Kok");
  const jesseParent = await row<{ id: string }>(
    h,
    "SELECT r.id FROM relations r JOIN accounts a ON a.contact_id = r.contact_id WHERE r.client_id = ? AND a.email = ?",
    jesse,
    "ouder.jesse@example.com",
  );
  const parentOfSixteen = await h.login(A, "ouder.jesse@example.com");
  for (const [clientId, body] of [
    [sanne, { relationId: consentRow.relation_id, given: false, gezagRelationId: consentRow.gezag_relation_id }],
    [jesse, { relationId: jesseParent.id, given: false }],
  ] as const) {
    const res = await h.request(A, "POST", `/api/beheer/clients/${clientId}/consents`, { cookie: secretariaat, body });
    if (res.status !== 200) throw new Error(`revoke consent: ${res.status} ${await res.text()}`);
  }

  const half = cookiesFrom(
    await h.request(A, "POST", "/api/auth/login", { body: { email: "ouder@example.com", password: DEMO_PASSWORD } }),
  );
  const ownerItems = await trustedLogin(h, A, "eigenaar@example.org", ownerPassword);
  const clientBItems = await trustedLogin(h, B, "client@example.net");

  const objects: World["objects"] = { A: {}, B: {} };
  const fill = async (
    org: Org,
    o: { clientId: string; orgId: string; staff: string; viewer: string; author: string; account: string; staffMember: string },
  ) => {
    const host = HOST[org];
    const first = async <T>(sql: string) => (await row<{ id: T }>(h, sql, o.orgId, o.clientId)).id;
    const threadId = await first<string>("SELECT id FROM message_threads WHERE org_id = ? AND client_id = ? LIMIT 1");
    objects[org] = {
      clientId: o.clientId,
      documentId: await sharedPdf(h, host, o.staff, o.clientId, await accountId(h, host, o.viewer)),
      uploadId: await upload(h, host, o.author === o.viewer ? clientB : owner, o.clientId),
      threadId,
      attachmentId: await attachment(h, host, o.author === o.viewer ? clientB : ouder, o.clientId, threadId),
      appointmentId: await first("SELECT id FROM appointments WHERE org_id = ? AND client_id = ? LIMIT 1"),
      assignmentId: await first("SELECT id FROM assignments WHERE org_id = ? AND client_id = ? LIMIT 1"),
      placementId: await first("SELECT id FROM placements WHERE org_id = ? AND client_id = ? LIMIT 1"),
      relationId: await relationOf(h, o.orgId, o.clientId),
      entryId: await diaryEntry(h, host, o.author === o.viewer ? clientB : owner, o.clientId),
      questionnaireId: (await row<{ id: string }>(h, "SELECT id FROM questionnaires WHERE org_id = ? LIMIT 1", o.orgId)).id,
      accountId: await accountId(h, host, o.account),
      // A colleague outside this client's care team: removing the client from their team changes nothing.
      staffId: await accountId(h, host, o.staffMember),
      // A state change that needs a state the target is not in: reaching it proves authorization, changes nothing.
      action: "unblock",
    };
  };
  await fill("A", {
    clientId: sanne,
    orgId: orgA,
    staff: begeleider,
    viewer: "ouder@example.com",
    author: "owner",
    account: "eigenaar@example.org",
    staffMember: "begeleider2@hetbaken.example",
  });
  await fill("B", {
    clientId: ruben,
    orgId: orgB,
    staff: behandelaarB,
    viewer: "client@example.net",
    author: "client@example.net",
    account: "client@example.net",
    staffMember: "secretariaat@noorderlicht.example",
  });

  const unknownKey = "c2VjdXJpdHkta2V5LW5vdC1pbi10aGUtZGVtbw";
  const actors: Actor[] = [
    { name: "anonymous", org: "A", cookie: "", roles: [] },
    { name: "cookie of the other organization", org: "A", cookie: clientB, roles: [] },
    // Lotte has no grant to the objects (Sanne's portal) but her own portal is open: she decides who sees it.
    { name: "user without a grant", org: "A", cookie: await h.login(A, "client@example.com"), roles: ["signedIn", "cov", "ownPortal"] },
    { name: "grant, items shared", org: "A", cookie: ouder, roles: ["signedIn", "cov", "portal", "shared", "gezag", "participant"] },
    // Got access after the demo conversation started and was never added: the late joiner of a thread
    // (issue 14), so no "participant" — the portal's thread routes answer it 404.
    {
      name: "grant, items not shared, joined after the thread",
      org: "A",
      cookie: owner,
      roles: ["signedIn", "cov", "portal", "owner", "gezag"],
    },
    // Signed in, but the care rules keep them out of every portal: what is left is their own account.
    { name: "verwant without consent", org: "A", cookie: verwant, roles: ["signedIn", "cov"] },
    { name: "parent of a 16-year-old, no consent", org: "A", cookie: parentOfSixteen, roles: ["signedIn", "cov"] },
    { name: "deactivated", org: "A", cookie: deactivated, roles: [] },
    { name: "blocked", org: "A", cookie: blocked, roles: [] },
    { name: "closed", org: "A", cookie: closed, roles: [] },
    { name: "password only", org: "A", cookie: half, roles: ["half"] },
    {
      name: "beheerder",
      org: "A",
      cookie: await h.login(A, "beheer@hetbaken.example"),
      roles: staffRoles("beheerder", "seesClient"),
    },
    { name: "secretariaat", org: "A", cookie: secretariaat, roles: staffRoles("secretariaat", "seesClient") },
    { name: "begeleider (care team)", org: "A", cookie: begeleider, roles: staffRoles("begeleider", "seesClient") },
    {
      name: "begeleider (other clients)",
      org: "A",
      cookie: await h.login(A, "begeleider2@hetbaken.example"),
      roles: staffRoles("begeleider"),
    },
    {
      name: "client of the other organization",
      org: "B",
      cookie: clientB,
      roles: ["signedIn", "cov", "portal", "shared", "owner", "gezag", "ownPortal", "participant"],
    },
    {
      name: "beheerder of the other organization",
      org: "B",
      cookie: await h.login(B, "beheer@noorderlicht.example"),
      roles: staffRoles("beheerder", "seesClient"),
    },
  ];
  // Adding or removing factors and devices needs the password confirmed again in the session (issue 12):
  // every signed-in caller has just done so, so what the matrix sees is who may, not how recently.
  for (const a of actors.filter((x) => x.roles.includes("signedIn"))) {
    const password = a.cookie === owner || a.cookie === verwant ? ownerPassword : DEMO_PASSWORD;
    const res = await h.request(HOST[a.org], "POST", "/api/account/reauth", { cookie: a.cookie, body: { password } });
    if (res.status !== 200) throw new Error(`reauth ${a.name}: ${res.status} ${await res.text()}`);
  }
  return {
    h,
    actors,
    objects,
    accountItemIds: {
      A: { ...ownerItems, key: unknownKey },
      B: { ...clientBItems, key: unknownKey },
    },
  };
}

/** Path values for one route and one organization's objects (`:id` under /api/account depends on the route). */
export function paramsFor(world: World, path: string, org: Org): Record<string, string> {
  const values = { ...world.objects[org] };
  const items = world.accountItemIds[org];
  if (path.includes("/totp/:id")) values.id = items.totp;
  else if (path.includes("/devices/:id")) values.id = items.device;
  else if (path.includes("/sessions/:id")) values.id = items.session;
  else if (path.includes("/security-keys/:id")) values.id = items.key;
  return values;
}

/** A caller who may use the route: the half-logged-in one for the second factor, a beheerder for Beheer, else a relation. */
export function actorFor(world: World, e: Endpoint): Actor | null {
  const by = (name: string) => world.actors.find((a) => a.name === name) as Actor;
  if (e.key in PUBLIC_ROUTES) return null;
  if (e.path.startsWith("/api/auth/")) return by("password only");
  if (e.path.startsWith("/api/beheer")) return by("beheerder");
  return by("grant, items shared");
}
