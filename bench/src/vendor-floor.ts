// The smallest SPA on the portal's libraries: React, react-router, react-query and i18next doing nothing.
// Its gzipped size is what the login page carries before a line of the portal is in it.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "./servers";

const ENTRY = `
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import i18n from "i18next";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { initReactI18next, useTranslation } from "react-i18next";
void i18n.use(initReactI18next).init({ resources: { nl: { translation: { hallo: "Hallo" } } }, lng: "nl" });
function Page() { const { t } = useTranslation(); return t("hallo"); }
const router = createBrowserRouter([{ path: "/", Component: Page }]);
createRoot(document.getElementById("root")).render(
  <StrictMode><QueryClientProvider client={new QueryClient()}><RouterProvider router={router} /></QueryClientProvider></StrictMode>,
);
`;

export async function vendorFloorKb(): Promise<number> {
  const out = await build({
    stdin: { contents: ENTRY, loader: "tsx", resolveDir: path.join(root, "web/src") },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "error",
  });
  const bytes = out.outputFiles?.[0]?.contents ?? new Uint8Array();
  return Math.round((gzipSync(bytes).length / 1024) * 10) / 10;
}
