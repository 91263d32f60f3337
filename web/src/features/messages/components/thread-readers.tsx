// The line above a conversation that says who can read it: the portal's people and the staff it is for.
import type { ThreadReaders as Readers } from "@portaal/shared/messages";
import { useTranslation } from "react-i18next";

export function ThreadReaders({ readers }: { readers: Readers }) {
  const { t, i18n } = useTranslation();
  const you = (name: string, mine: boolean) => (mine ? t("messageExtras.you", { name }) : name);
  const names = [
    ...readers.portal.map((p) => you(p.name, p.you)),
    ...readers.staff.map((s) => {
      const role = t(`messageExtras.role.${s.role}`, { defaultValue: s.role });
      return t(s.you ? "messageExtras.youWithRole" : "messageExtras.withRole", { name: s.name, role });
    }),
  ];
  const list = new Intl.ListFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { type: "conjunction" }).format(names);
  return <p className="thread-readers">{t("messageExtras.readers", { list })}</p>;
}
