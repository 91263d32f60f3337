// Sends a stored file: inline only for PDFs and images (the SPA previews them), everything else as a
// download; never as HTML or script, whatever the file claims to be.
import type { Context } from "hono";
import { FILE_POLICY_HEADERS, keepOwnPolicy } from "../middleware/security";
import type { AppEnv } from "../types";

const INLINE = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

export function fileResponse(c: Context<AppEnv>, bytes: Buffer, file: { name: string; mime: string }, download: boolean): Response {
  const inline = !download && INLINE.has(file.mime);
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // The app-wide headers were set before the handler; a file answers with its own, stricter policy:
  // nothing inside it may run, load or be framed. The SPA reads PDFs with fetch and draws them with
  // pdf.js, and shows images with <img>: neither needs a frame.
  filePolicy(c);
  c.header("Content-Type", file.mime);
  c.header(
    "Content-Disposition",
    `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  );
  c.header("Cache-Control", "private, no-store");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Cross-Origin-Resource-Policy", "same-origin");
  return c.body(new Uint8Array(bytes), 200);
}

/** The policy of every file the BFF serves (stored files, .ics): nothing in it runs, loads or is framed. */
export function filePolicy(c: Context<AppEnv>): void {
  keepOwnPolicy(c);
  for (const [name, value] of FILE_POLICY_HEADERS) c.header(name, value);
}
