// i18next set up with the Dutch and English catalogues; the choice is remembered in localStorage.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { nl } from "../locales/nl";

const STORAGE_KEY = "portaal.taal";

function storedLanguage(): "nl" | "en" {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "nl";
  } catch {
    return "nl";
  }
}

// Only Dutch is in the first download; English comes when chosen (the login page's JavaScript budget, bench/).
void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl } },
  lng: "nl",
  fallbackLng: "nl",
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;
if (storedLanguage() === "en") setLanguage("en");

export function setLanguage(lng: "nl" | "en"): void {
  void (async () => {
    if (lng === "en" && !i18n.hasResourceBundle("en", "translation")) {
      i18n.addResourceBundle("en", "translation", (await import("../locales/en")).en);
    }
    await i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
  })();
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts this visit only.
  }
}

export { i18n };
