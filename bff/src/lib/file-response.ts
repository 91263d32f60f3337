// Sends a stored file: inline only for PDFs and images (for the preview), everything else as a
// download; never as HTML or script, whatever the file claims to be.
import type { Context } from "hono";

const INLINE = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

export function fileResponse(c: Context, bytes: Buffer, file: { name: string; mime: string }, download: boolean): Response {
  const inline = !download && INLINE.has(file.mime);
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const headers = new Headers({
    "Content-Type": file.mime,
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    // The SPA shows the preview in a frame of its own origin; nothing may run inside the file.
    "Content-Security-Policy":
      file.mime === "application/pdf" ? "frame-ancestors 'self'" : "default-src 'none'; img-src 'self'; frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
  });
  // Keep the headers set by earlier middleware that we do not override.
  c.res.headers.forEach((value, key) => {
    if (!headers.has(key) && key !== "content-type") headers.set(key, value);
  });
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}
