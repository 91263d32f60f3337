// The e-mails the portal sends: a greeting, what to do, a link. Never a password, never medical content.
import { HIDDEN_CHARACTERS } from "@portaal/shared/common";
import { notificationSubject } from "@portaal/shared/policy";
import type { OutgoingMail } from "./outbox";

interface OrgLike {
  id: string;
  name: string;
  phone: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string);
}

/** Names come from staff and users: a line break or a direction override in one never shapes the mail. */
const oneLine = (s: string) => s.replace(new RegExp(HIDDEN_CHARACTERS.source, "gu"), " ");

function render(org: OrgLike, to: string, rawSubject: string, lines: string[], link?: { href: string; label: string }): OutgoingMail {
  const subject = oneLine(rawSubject);
  const paragraphs = lines.map(oneLine);
  const footer = `Dit bericht is automatisch verstuurd door het cliëntenportaal van ${org.name}. Vragen? Bel ${org.phone}.`;
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : []), "", footer].join("\n\n");
  const html = `<!doctype html><html lang="nl"><body style="font-family:sans-serif;line-height:1.5;color:#1c2430">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("")}${
    link
      ? `<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 18px;background:#0b5f73;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>`
      : ""
  }<p style="color:#4d5866;font-size:13px">${escapeHtml(footer)}</p></body></html>`;
  return { orgId: org.id, to, subject, text, html };
}

export function activationMail(org: OrgLike, to: string, name: string, link: string, days: number): OutgoingMail {
  return render(
    org,
    to,
    `Activeer uw account voor het ${org.name} cliëntenportaal`,
    [
      `Beste ${name},`,
      `${org.name} heeft een account voor het cliëntenportaal voor u klaargezet. Met de knop hieronder activeert u het: u vult ter controle een geboortedatum in, kiest zelf een wachtwoord en stelt de tweestapsverificatie in.`,
      `De link werkt één keer en is ${days} dagen geldig. Heeft u dit account niet verwacht? Dan kunt u dit bericht negeren.`,
    ],
    { href: link, label: "Account activeren" },
  );
}

/** A staff member's invitation: no birth date to prove, a second factor always. */
export function staffInvitationMail(org: OrgLike, to: string, name: string, link: string, days: number): OutgoingMail {
  return render(
    org,
    to,
    `Uw medewerkersaccount voor het ${org.name} cliëntenportaal`,
    [
      `Beste ${name},`,
      `${org.name} heeft een medewerkersaccount voor het cliëntenportaal voor u klaargezet. Met de knop hieronder activeert u het: u kiest zelf een wachtwoord en stelt de tweestapsverificatie in met een authenticator-app of een beveiligingssleutel.`,
      `De link werkt één keer en is ${days} dagen geldig. Heeft u dit account niet verwacht? Neem dan contact op met de beheerder van ${org.name}.`,
    ],
    { href: link, label: "Account activeren" },
  );
}

/** A beheerder removed the staff member's second factors: the link sets a new one (the password stays). */
export function factorResetMail(org: OrgLike, to: string, name: string, link: string, days: number): OutgoingMail {
  return render(
    org,
    to,
    `Stel een nieuwe tweede stap in voor het ${org.name} cliëntenportaal`,
    [
      `Beste ${name},`,
      "Een beheerder heeft de tweestapsverificatie van uw account opnieuw ingesteld: uw authenticator-apps, beveiligingssleutels en vertrouwde computers werken niet meer. Met de knop hieronder stelt u een nieuwe in; uw wachtwoord blijft hetzelfde. Tot die tijd kunt u niet inloggen.",
      `De link werkt één keer en is ${days} dagen geldig. Heeft u hier niet om gevraagd? Neem dan contact op met de beheerder van ${org.name}.`,
    ],
    { href: link, label: "Nieuwe tweede stap instellen" },
  );
}

export function portalAddedMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return render(
    org,
    to,
    notificationSubject(org.name),
    [
      `Beste ${name},`,
      "U heeft toegang gekregen tot een extra portaal in het cliëntenportaal. Log in zoals u gewend bent en kies het portaal via de ronde knop met uw initialen.",
    ],
    { href: link, label: "Naar het portaal" },
  );
}

export function resetMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return render(
    org,
    to,
    `Nieuw wachtwoord voor het ${org.name} cliëntenportaal`,
    [
      `Beste ${name},`,
      "Er is gevraagd om een nieuw wachtwoord voor uw account. Met de knop hieronder kiest u een nieuw wachtwoord. De link werkt één keer en is 1 uur geldig.",
      "Heeft u dit niet gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft zoals het is.",
    ],
    { href: link, label: "Nieuw wachtwoord kiezen" },
  );
}

export function emailCodeMail(org: OrgLike, to: string, code: string): OutgoingMail {
  return render(org, to, `Uw verificatiecode voor het ${org.name} cliëntenportaal`, [
    `Uw verificatiecode is: ${code}`,
    "De code is 10 minuten geldig en werkt één keer. Vul hem in op het inlogscherm. Heeft u niet geprobeerd in te loggen? Wijzig dan uw wachtwoord.",
  ]);
}

export function sharedMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [`Beste ${name},`, "Er staat iets nieuws voor u klaar in het cliëntenportaal. Log in om het te bekijken."],
      { href: link, label: "Naar het portaal" },
    ),
    kind: "share",
  };
}

export function uploadedMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [`Beste ${name},`, "Er is een nieuw document geüpload in het cliëntenportaal bij een cliënt in uw team."],
      {
        href: link,
        label: "Bekijken in Beheer",
      },
    ),
    kind: "upload",
  };
}

export function messageMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [`Beste ${name},`, "Er is een nieuw bericht voor u in het cliëntenportaal. Log in om het te lezen."],
      {
        href: link,
        label: "Bericht lezen",
      },
    ),
    kind: "message",
  };
}

// --- Blocks and pauses after wrong passwords or codes (issue 12): what happened and what to do, nothing more ---

export type LockoutCause = "wachtwoord" | "tweede-factor" | "geen-tweede-factor";

const CAUSE_TEXT: Record<LockoutCause, string> = {
  wachtwoord: "Er is te vaak een onjuist wachtwoord ingevuld voor uw account.",
  "tweede-factor": "Er is te vaak een onjuiste verificatiecode ingevuld voor uw account, na het juiste wachtwoord.",
  "geen-tweede-factor": "U bent het toegestane aantal keren ingelogd zonder authenticator-app of beveiligingssleutel.",
};

const NOT_YOU: Record<LockoutCause, string> = {
  wachtwoord: "Was u dit niet? Dan probeert iemand anders in te loggen. Uw gegevens zijn niet ingezien.",
  "tweede-factor":
    "Was u dit niet? Dan kent iemand anders mogelijk uw wachtwoord. Uw gegevens zijn niet ingezien; kies na het deblokkeren een nieuw wachtwoord.",
  "geen-tweede-factor": "Stel na het deblokkeren meteen een authenticator-app of beveiligingssleutel in via Mijn account.",
};

export function accountBlockedMail(org: OrgLike, to: string, name: string, cause: LockoutCause): OutgoingMail {
  return render(org, to, `Uw account voor het ${org.name} cliëntenportaal is geblokkeerd`, [
    `Beste ${name},`,
    `${CAUSE_TEXT[cause]} Daarom is uw account geblokkeerd.`,
    `Bel ${org.name} via ${org.phone} om het te laten deblokkeren. Daarna kunt u weer inloggen.`,
    NOT_YOU[cause],
  ]);
}

export function loginPausedMail(
  org: OrgLike,
  to: string,
  name: string,
  cause: "wachtwoord" | "tweede-factor",
  minutes: number,
): OutgoingMail {
  const wait = minutes === 1 ? "1 minuut" : `${minutes} minuten`;
  return render(org, to, `Inloggen bij het ${org.name} cliëntenportaal is even gepauzeerd`, [
    `Beste ${name},`,
    `${CAUSE_TEXT[cause]} Daarom kunt u de komende ${wait} niet inloggen. Daarna kunt u het opnieuw proberen; blijven de pogingen mislukken, dan wordt de pauze langer en ten slotte wordt uw account geblokkeerd.`,
    "Wachtwoord vergeten? Vraag op de inlogpagina een nieuw wachtwoord aan.",
    NOT_YOU[cause],
  ]);
}

/**
 * Wrong codes followed by a right one end the run, and with it the count towards the block: the holder
 * hears of them, since whoever typed them may know the password.
 */
export function wrongCodesMail(org: OrgLike, to: string, name: string, count: number): OutgoingMail {
  return render(org, to, `Onjuiste verificatiecodes bij het ${org.name} cliëntenportaal`, [
    `Beste ${name},`,
    `U bent zojuist ingelogd. Daarvoor is ${count} keer een onjuiste verificatiecode ingevuld, na het juiste wachtwoord.`,
    `Was u dat zelf? Dan hoeft u niets te doen. Was u het niet? Dan kent iemand anders mogelijk uw wachtwoord: kies in Mijn account een nieuw wachtwoord, of bel ${org.name} via ${org.phone}.`,
  ]);
}

// --- Issue 11: news in a portal (points 6 and 9); no content, only a link. ---

/** A new or changed appointment, or a questionnaire set out: the same words as a share, so nothing leaks. */
export function portalNewsMail(org: OrgLike, to: string, name: string, link: string, kind: "appointment" | "assignment"): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [`Beste ${name},`, "Er staat iets nieuws voor u klaar in het cliëntenportaal. Log in om het te bekijken."],
      { href: link, label: "Naar het portaal" },
    ),
    kind,
  };
}

/** To the secretariaat: someone asked to close their account. Who and whose portal stay behind the login. */
export function closeRequestMail(org: OrgLike, to: string, name: string, link: string): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [
        `Beste ${name},`,
        "Er wacht een verzoek om een account van het cliëntenportaal te sluiten. Log in om te zien om wie het gaat en om het af te handelen.",
      ],
      { href: link, label: "Naar de cliëntpagina" },
    ),
    kind: "close-request",
  };
}

/** The care ended and the policy closes the portal: no content, only that it closed and whom to call. */
export function portalClosedMail(org: OrgLike, to: string, name: string): OutgoingMail {
  return render(org, to, `Het ${org.name} cliëntenportaal is voor u gesloten`, [
    `Beste ${name},`,
    `De zorg van ${org.name} is beëindigd. Daarom is uw toegang tot het cliëntenportaal gesloten. Het dossier blijft bewaard zoals de wet dat vraagt.`,
    `Heeft u vragen, of wilt u iets uit het dossier ontvangen? Bel ${org.name} op ${org.phone}.`,
  ]);
}

/** 30 days before the client turns 16: what changes for a parent or guardian with gezag. */
export function turningSixteenMail(org: OrgLike, to: string, name: string, sixteenOn: string): OutgoingMail {
  return render(org, to, `Uw toegang tot het ${org.name} cliëntenportaal verandert binnenkort`, [
    `Beste ${name},`,
    `Op ${sixteenOn} wordt uw kind 16 jaar. Vanaf die dag beslist uw kind zelf wie het portaal mag zien; zo staat het in de wet (WGBO).`,
    "Ouders en voogden houden daarna alleen toegang als uw kind daar toestemming voor geeft. Dat kan in het portaal bij Mijn account, of via een medewerker. Zonder toestemming sluit uw toegang op de verjaardag.",
    `Heeft u vragen? Bel ${org.name} op ${org.phone}.`,
  ]);
}

/** 30 days before the client turns 16: what changes for a relation without gezag (verwant, mentor, …). */
export function turningSixteenRelationMail(org: OrgLike, to: string, name: string, sixteenOn: string): OutgoingMail {
  return render(org, to, `Uw toegang tot het ${org.name} cliëntenportaal verandert binnenkort`, [
    `Beste ${name},`,
    `Op ${sixteenOn} wordt de cliënt van wie u het portaal kunt zien 16 jaar. Vanaf die dag beslist de cliënt zelf wie het portaal mag zien; zo staat het in de wet (WGBO).`,
    "De toestemming die een ouder of voogd voor uw toegang gaf, geldt daarna niet meer. U houdt alleen toegang als de cliënt zelf toestemming geeft: in het portaal bij Mijn account, of via een medewerker. Zonder toestemming sluit uw toegang op de verjaardag.",
    `Heeft u vragen? Bel ${org.name} op ${org.phone}.`,
  ]);
}

/** A relation without gezag lost the consent its access rests on: the access ended. */
export function accessEndedNoConsentMail(org: OrgLike, to: string, name: string): OutgoingMail {
  return render(org, to, `Uw toegang tot het ${org.name} cliëntenportaal is gestopt`, [
    `Beste ${name},`,
    "Voor uw toegang tot het portaal is toestemming nodig van de cliënt (vanaf 16 jaar) of van een ouder of voogd met gezag. Die toestemming is er niet (meer), daarom is uw toegang gestopt.",
    `Wordt er later opnieuw toestemming gegeven, dan kan ${org.name} uw toegang weer openen. Heeft u vragen? Bel ${org.phone}.`,
  ]);
}

/** The client turned 16 and did not consent: the parent's or guardian's access ended. */
export function accessEndedAtSixteenMail(org: OrgLike, to: string, name: string): OutgoingMail {
  return render(org, to, `Uw toegang tot het ${org.name} cliëntenportaal is gestopt`, [
    `Beste ${name},`,
    "Uw kind is 16 jaar en beslist nu zelf wie het portaal mag zien. Er is geen toestemming gegeven voor uw toegang, daarom is die gestopt.",
    `Geeft uw kind later toch toestemming, dan kan ${org.name} uw toegang weer openen. Heeft u vragen? Bel ${org.phone}.`,
  ]);
}

/**
 * To the client and the gezag holders: someone new got access to the portal. No names (neither the
 * recipient's nor the new person's, so a forwarded or misdirected mail tells nothing), only where to look.
 */
export function newAccessMail(org: OrgLike, to: string, link: string): OutgoingMail {
  return {
    ...render(
      org,
      to,
      notificationSubject(org.name),
      [
        "Goedendag,",
        "Iemand heeft zojuist toegang gekregen tot een portaal waar u ook toegang toe heeft.",
        "Wie dat is, ziet u na het inloggen: kies Dossier en daarna 'Wie heeft de gedeelde stukken bekeken?'. Daar staat wie toegang heeft gekregen en wanneer.",
        `Klopt dit niet? Bel ${org.name} op ${org.phone}.`,
      ],
      { href: link, label: "Inloggen" },
    ),
    kind: "new-access",
  };
}
