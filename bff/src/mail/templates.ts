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
