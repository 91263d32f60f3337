// Logboek in Beheer → Organisatie (NEN 7513): the organization's audit log, filtered, paged and
// exported, and the runs of the chain verification.
import { z } from "zod";
import { DateSchema, IdSchema } from "./common";

export const AUDIT_PAGE_SIZE_MAX = 100;

const ActionCodeSchema = z
  .string({ error: "Kies een handeling uit de lijst." })
  .trim()
  .max(60, { error: "Deze handeling is te lang (hoogstens 60 tekens)." })
  .regex(/^[a-z0-9_.-]+$/, { error: "Kies een handeling uit de lijst." });

const empty = (v: unknown) => (v === "" ? undefined : v);

const FilterFields = z.object({
  clientId: z.preprocess(empty, IdSchema.optional()),
  actorId: z.preprocess(empty, IdSchema.optional()),
  action: z.preprocess(empty, ActionCodeSchema.optional()),
  from: z.preprocess(empty, DateSchema.optional()),
  to: z.preprocess(empty, DateSchema.optional()),
});

const periodInOrder: [(f: { from?: string; to?: string }) => boolean, { error: string; path: string[] }] = [
  (f) => !f.from || !f.to || f.from <= f.to,
  { error: "De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum.", path: ["to"] },
];

/** The filters of the CSV export. Dates are Dutch calendar days (Europe/Amsterdam), both included. */
export const AuditFilterSchema = FilterFields.refine(...periodInOrder);
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** The filters and a page of the list. */
export const AuditListQuerySchema = FilterFields.extend({
  /** The page after the one that ended at this row (keyset: reading the log adds to it, an offset would shift). */
  before: z.coerce
    .number({ error: "Het vervolg van de lijst is ongeldig. Begin opnieuw bij de nieuwste regels." })
    .int({ error: "Het vervolg van de lijst is ongeldig. Begin opnieuw bij de nieuwste regels." })
    .min(1, { error: "Het vervolg van de lijst is ongeldig. Begin opnieuw bij de nieuwste regels." })
    .optional(),
  pageSize: z.coerce
    .number({ error: "Paginagrootte moet een getal zijn." })
    .int({ error: "Paginagrootte moet een geheel getal zijn." })
    .min(1, { error: "Paginagrootte is minstens 1." })
    .max(AUDIT_PAGE_SIZE_MAX, { error: `Paginagrootte is hoogstens ${AUDIT_PAGE_SIZE_MAX}.` })
    .default(25),
}).refine(...periodInOrder);
export type AuditListQuery = Partial<z.infer<typeof AuditListQuerySchema>>;

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: z.object({ id: z.string().nullable(), name: z.string(), role: z.string() }),
  client: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  actionLabel: z.string(),
  ip: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  /** Every row that matches the filters. */
  total: z.number().int(),
  pageSize: z.number().int(),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

/** What the filters can be set to: this organization's clients, the people in its log, the actions in its log. */
export const AuditFilterOptionsSchema = z.object({
  clients: z.array(z.object({ id: z.string(), name: z.string(), clientNumber: z.string() })),
  actors: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  actions: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type AuditFilterOptions = z.infer<typeof AuditFilterOptionsSchema>;

export const AuditVerificationSchema = z.object({
  at: z.number(),
  by: z.string(),
  ok: z.boolean(),
  /** This organization's rows in the log when it was checked (the whole chain, all organizations, is checked). */
  rows: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

export const AuditVerificationResponseSchema = z.object({ last: AuditVerificationSchema.nullable() });
export type AuditVerificationResponse = z.infer<typeof AuditVerificationResponseSchema>;

export const AUDIT_OUTCOME_LABELS: Record<AuditEntry["outcome"], string> = {
  success: "Gelukt",
  failure: "Mislukt",
  denied: "Geweigerd",
};

/** A Dutch label per action; an action without one is shown by its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "access.activate": "Toegang gegeven",
  "access.granted": "Nieuwe toegang gemeld aan cliënt en gezaghebbers",
  "access.deactivate": "Toegang stopgezet",
  "access.reactivate": "Toegang hersteld",
  "access.unblock": "Account gedeblokkeerd",
  "access.close": "Account gesloten",
  "access.secret-check": "Geheime vraag gecontroleerd",
  "access.secret-check-reset": "Blokkade geheime vraag opgeheven",
  "account.close.request": "Sluiten van account gevraagd",
  "account.device.revoke": "Vertrouwde computer verwijderd",
  "account.password.change": "Wachtwoord gewijzigd",
  "account.reauth": "Opnieuw bevestigd met wachtwoord",
  "account.secret-question.set": "Geheime vraag ingesteld",
  "account.session.revoke": "Sessie beëindigd",
  "account.totp.add": "Authenticator-app toegevoegd",
  "account.totp.remove": "Authenticator-app verwijderd",
  "account.webauthn.add": "Beveiligingssleutel toegevoegd",
  "account.webauthn.remove": "Beveiligingssleutel verwijderd",
  "activation.birth-date": "Activering: geboortedatum",
  "activation.password": "Activering: wachtwoord",
  "activation.complete": "Account geactiveerd",
  "appointment.create": "Afspraak gemaakt",
  "appointment.update": "Afspraak gewijzigd",
  "appointment.ics": "Afspraak in agenda gezet",
  "appointments.view": "Afspraken bekeken",
  "assignment.answer": "Vragenlijst ingevuld",
  "assignment.create": "Vragenlijst klaargezet",
  "assignment.submit": "Vragenlijst ingeleverd",
  "assignment.view": "Vragenlijst bekeken",
  "audit.chain.keyed": "Logboek beveiligd",
  "audit.download": "Logboek geëxporteerd (CSV)",
  "audit.verify": "Logboek gecontroleerd",
  "audit.view": "Logboek bekeken",
  "beheer.client.view": "Cliënt bekeken",
  "beheer.document.view": "Document bekeken (Beheer)",
  "beheer.message.view": "Bericht bekeken (Beheer)",
  "beheer.relation.create": "Relatie toegevoegd",
  "beheer.relation.link": "Relatie gekoppeld",
  "beheer.upload.keep": "Upload bewaard in dossier",
  "beheer.upload.view": "Upload bekeken",
  "diary.create": "Dagboek: notitie gemaakt",
  "diary.delete": "Dagboek: notitie verwijderd",
  "diary.list": "Dagboek bekeken",
  "diary.share": "Dagboek: notitie gedeeld",
  "diary.unshare": "Dagboek: delen gestopt",
  "diary.update": "Dagboek: notitie gewijzigd",
  "diary.view_shared": "Gedeeld dagboek bekeken",
  "document.create": "Document toegevoegd",
  "document.download": "Document gedownload",
  "document.share": "Document gedeeld",
  "document.view": "Document bekeken",
  login: "Ingelogd",
  "login.email-code": "Ingelogd met e-mailcode",
  "login.email-code.send": "E-mailcode verstuurd",
  "login.password": "Wachtwoord gecontroleerd",
  "login.totp": "Ingelogd met authenticator-app",
  "login.webauthn": "Ingelogd met beveiligingssleutel",
  logout: "Uitgelogd",
  "message.attachment.download": "Bijlage gedownload",
  "message.attachment.view": "Bijlage bekeken",
  "message.create": "Bericht verstuurd",
  "message.view": "Bericht gelezen",
  "organization.create": "Organisatie aangemaakt",
  "password.reset.complete": "Nieuw wachtwoord ingesteld",
  "password.reset.request": "Nieuw wachtwoord aangevraagd",
  "questionnaire.create": "Vragenlijst gemaakt",
  "staff.invite": "Medewerker uitgenodigd",
  "terms.accept": "Gebruiksvoorwaarden geaccepteerd",
  "terms.publish": "Gebruiksvoorwaarden gepubliceerd",
  unblock: "Account gedeblokkeerd",
  "upload.create": "Bestand geüpload",
  "upload.remove": "Upload verwijderd",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
