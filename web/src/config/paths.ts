// Every URL of the SPA, each with a getHref().
export const paths = {
  home: { path: "/", getHref: () => "/" },
  login: {
    path: "/inloggen",
    getHref: (redirectTo?: string) => (redirectTo ? `/inloggen?terug=${encodeURIComponent(redirectTo)}` : "/inloggen"),
  },
  portal: {
    home: { path: "/portaal/:clientId", getHref: (clientId: string) => `/portaal/${clientId}` },
    section: {
      path: "/portaal/:clientId/:section",
      getHref: (clientId: string, section: PortalSection) => `/portaal/${clientId}/${section}`,
    },
    dossier: { path: "/portaal/:clientId/dossier" },
    verslagen: { path: "/portaal/:clientId/verslagen" },
    afspraken: { path: "/portaal/:clientId/afspraken" },
    berichten: { path: "/portaal/:clientId/berichten" },
    dagboek: { path: "/portaal/:clientId/dagboek" },
    aanDeSlag: { path: "/portaal/:clientId/aan-de-slag" },
    assignment: {
      path: "/portaal/:clientId/aan-de-slag/:assignmentId",
      getHref: (clientId: string, assignmentId: string) => `/portaal/${clientId}/aan-de-slag/${assignmentId}`,
    },
    accessLog: { path: "/portaal/:clientId/inzage", getHref: (clientId: string) => `/portaal/${clientId}/inzage` },
  },
  account: { path: "/account", getHref: () => "/account" },
  activate: { path: "/activeren", getHref: () => "/activeren" },
  support: { path: "/support", getHref: () => "/support" },
  about: { path: "/over-ons", getHref: () => "/over-ons" },
  forgotPassword: { path: "/wachtwoord-vergeten", getHref: () => "/wachtwoord-vergeten" },
  resetPassword: { path: "/wachtwoord-herstellen", getHref: () => "/wachtwoord-herstellen" },
  beheer: {
    clients: { path: "/beheer", getHref: () => "/beheer" },
    newClient: { path: "/beheer/clienten/nieuw", getHref: () => "/beheer/clienten/nieuw" },
    client: { path: "/beheer/clienten/:clientId", getHref: (clientId: string) => `/beheer/clienten/${clientId}` },
    inbox: { path: "/berichten", getHref: () => "/berichten" },
    questionnaires: { path: "/vragenlijsten", getHref: () => "/vragenlijsten" },
    workQueue: { path: "/beheer/werkvoorraad", getHref: () => "/beheer/werkvoorraad" },
  },
  /** Organisatie: the beheerder's part of Beheer (capabilities organization/policy/staff/terms/audit). */
  organisatie: {
    settings: { path: "/organisatie", getHref: () => "/organisatie" },
    policy: { path: "/organisatie/beveiliging", getHref: () => "/organisatie/beveiliging" },
    staff: { path: "/organisatie/medewerkers", getHref: () => "/organisatie/medewerkers" },
    terms: { path: "/organisatie/gebruiksvoorwaarden", getHref: () => "/organisatie/gebruiksvoorwaarden" },
    auditLog: { path: "/organisatie/logboek", getHref: () => "/organisatie/logboek" },
  },
} as const;

export const PORTAL_SECTIONS = ["dossier", "verslagen", "afspraken", "berichten", "dagboek", "aan-de-slag"] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];
