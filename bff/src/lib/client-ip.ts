// The address of the person at the other end: the connection's, or, behind a trusted reverse proxy, the
// one that proxy saw (X-Forwarded-For). Throttling and the audit log depend on it being real.
import net from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { AppEnv } from "../types";

const lists = new WeakMap<string[], net.BlockList>();

function blockList(entries: string[]): net.BlockList {
  let list = lists.get(entries);
  if (!list) {
    list = new net.BlockList();
    for (const entry of entries) {
      const [address = "", bits] = entry.split("/");
      const type = net.isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    lists.set(entries, list);
  }
  return list;
}

/** "::ffff:10.0.0.1" is 10.0.0.1 on a dual-stack socket. */
function plain(address: string): string {
  return address.startsWith("::ffff:") && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Without TRUST_PROXY the header is ignored (anyone can send it). With it, the chain is read from the
 * right: every hop that is one of our proxies is skipped, and the first that is not is the client.
 */
export function clientIp(c: Context<AppEnv>): string | null {
  let remote: string | null;
  try {
    remote = getConnInfo(c).remote.address ?? null;
  } catch {
    remote = null;
  }
  if (remote) remote = plain(remote);
  const trusted = c.var.deps?.config.trustProxy ?? [];
  if (!remote || trusted.length === 0) return remote;
  const list = blockList(trusted);
  if (!isTrusted(list, remote)) return remote;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => plain(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (net.isIP(hop) === 0) return remote;
    if (!isTrusted(list, hop)) return hop;
  }
  return hops[0] ?? remote;
}
