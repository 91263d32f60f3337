import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../config/paths";

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <main id="inhoud" className="page">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link to={paths.home.getHref()}>{t("notFound.home")}</Link>
    </main>
  );
}
