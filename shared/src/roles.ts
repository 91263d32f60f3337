// Who may do what: the one definition of staff roles and their capabilities. The BFF's `requireCan`
// middleware, the SPA's menus and the authorization matrix test all read this table.
import type { StaffRole } from "./auth";

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  beheerder: "Beheerder",
  secretariaat: "Secretariaat",
  behandelaar: "Behandelaar",
  begeleider: "Begeleider",
};

/**
 * Each capability and the roles that have it.
 * - clients.view: the client list, a client page and the questionnaire library (practitioners only
 *   their own clients, see clients.all).
 * - clients.all: every client of the organization, not only those whose care team one is in.
 * - access.manage: relations, portal access, the Werkvoorraad and the contact search.
 * - clients.manage: client records: create and edit clients, placements/products, and edit or end relations.
 * - secret.reset: lift the block after too many wrong secret answers.
 * - care.content: dossier documents, uploads, conversations, diaries, questionnaires and answers
 *   (need to know: not the secretariaat).
 * - threads.all: every conversation of the clients one sees, also those addressed to a colleague.
 * - organization.manage: the organization's settings, branding and announcement.
 * - policy.manage: the security policy.
 * - staff.manage: staff accounts, roles and care teams.
 * - terms.manage: write and publish terms of use.
 * - audit.read: the organization's audit log (NEN 7513).
 */
export const CAPABILITIES = {
  "clients.view": ["beheerder", "secretariaat", "behandelaar", "begeleider"],
  "clients.all": ["beheerder", "secretariaat"],
  "access.manage": ["beheerder", "secretariaat"],
  "clients.manage": ["beheerder", "secretariaat"],
  "secret.reset": ["beheerder"],
  "care.content": ["beheerder", "behandelaar", "begeleider"],
  "threads.all": ["beheerder"],
  "organization.manage": ["beheerder"],
  "policy.manage": ["beheerder"],
  "staff.manage": ["beheerder"],
  "terms.manage": ["beheerder"],
  "audit.read": ["beheerder"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Capability = keyof typeof CAPABILITIES;

/** Whether a staff role has a capability; no role (a client or relation) has none. */
export function can(role: StaffRole | null | undefined, capability: Capability): boolean {
  if (!role) return false;
  return (CAPABILITIES[capability] as readonly StaffRole[]).includes(role);
}
