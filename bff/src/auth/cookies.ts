// Names and attributes of the portal's cookies; __Host- and Secure in production.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../types";

function names(production: boolean) {
  return production
    ? { session: "__Host-portaal_sessie", device: "__Host-portaal_apparaat" }
    : { session: "portaal_sessie", device: "portaal_apparaat" };
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, names(c.var.deps.config.production).session);
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  const production = c.var.deps.config.production;
  setCookie(c, names(production).session, token, {
    httpOnly: true,
    secure: production,
    sameSite: "Lax",
    path: "/",
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const production = c.var.deps.config.production;
  deleteCookie(c, names(production).session, { path: "/", secure: production, httpOnly: true, sameSite: "Lax" });
}

export function readDeviceCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, names(c.var.deps.config.production).device);
}

export function writeDeviceCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  const production = c.var.deps.config.production;
  setCookie(c, names(production).device, token, {
    httpOnly: true,
    secure: production,
    sameSite: "Strict",
    path: "/",
    expires: new Date(expiresAt),
  });
}
