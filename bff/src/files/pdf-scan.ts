// Looks for PDF actions that run something (JavaScript, Launch) where a reader would find them: in
// names written with #xx escapes, and in the dictionaries packed into compressed object streams.
import { constants, inflateSync } from "node:zlib";

/** Action and key names that make a reader run a script or a program. */
const ACTIVE_NAMES = ["JavaScript", "JS", "Launch"];
/** What may not stand in a name (ISO 32000 §7.3.5): white space and delimiters. */
const NOT_IN_NAME = "\\0\\t\\n\\f\\r /[\\]<>(){}%";
const NAME = new RegExp(`/([^${NOT_IN_NAME}]*)`, "g");
/** One character of a name as a reader decodes it: itself, or `#` and its hex code in either case (`#61` is `a`). */
const spelled = (ch: string) => {
  const [hi, lo] = ch.charCodeAt(0).toString(16);
  return `(?:${ch}|#${hi}[${lo}${lo?.toUpperCase()}])`;
};
/**
 * Every spelling of the active names as a whole name token, in one pass of the native regex engine: a
 * 20 MB upload full of names is checked in a fraction of a second (decoding each name in script took 5 s).
 */
const ACTIVE = new RegExp(`/(?:${ACTIVE_NAMES.map((n) => [...n].map(spelled).join("")).join("|")})(?![^${NOT_IN_NAME}])`);
/** An object stream may not unpack past this (a "zip bomb" of a 20 MB upload would fill the memory). */
const MAX_INFLATED = 64 * 1024 * 1024;

export type PdfScan = "clean" | "active" | "opaque";

/** `#61` is `a`: readers decode escapes in names, so `/J#61vaScript` is `/JavaScript`. */
function decodeName(raw: string): string {
  return raw.includes("#") ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw;
}

const hasActiveName = (text: string) => ACTIVE.test(text);

/** The dictionary with escapes decoded and white space evened out, so `/Type/Obj#53tm` reads `/Type /ObjStm`. */
function normalizedDict(dict: string): string {
  return dict.replace(NAME, (_, raw: string) => ` /${decodeName(raw)} `).replace(/\s+/g, " ");
}

function filtersOf(dict: string): string[] {
  const m = /\/Filter \[([^\]]*)\]|\/Filter (\/\S+)/.exec(dict);
  if (!m) return [];
  return (m[1] ?? m[2] ?? "")
    .split("/")
    .map((f) => f.trim())
    .filter(Boolean);
}

function unhex(data: Buffer): Buffer {
  const hex = data.toString("latin1").replace(/\s+/g, "").replace(/>.*$/s, "");
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
}

/** Decodes one object stream, or null when it uses something we do not decode (then we cannot vouch for it). */
function decodeStream(data: Buffer, dict: string, budget: { left: number }): Buffer | null {
  if (/\/DecodeParms/.test(dict) && /\/Predictor (?!1\b)\d+/.test(dict)) return null;
  let out = data;
  for (const filter of filtersOf(dict)) {
    if (filter === "FlateDecode" || filter === "Fl") {
      try {
        // Like a reader, take what a stream without its checksum holds: more to check, not less.
        out = inflateSync(out, { maxOutputLength: Math.max(1, budget.left), finishFlush: constants.Z_SYNC_FLUSH });
      } catch {
        return null;
      }
    } else if (filter === "ASCIIHexDecode" || filter === "AHx") out = unhex(out);
    else return null;
    budget.left -= out.byteLength;
    if (budget.left < 0) return null;
  }
  return out;
}

/**
 * `active` when the file names a script or launch action anywhere a reader looks, `opaque` when an object
 * stream cannot be unpacked to check it (unknown filter, encryption, damage), else `clean`. Streams other
 * than object streams hold page content, images and fonts, never the dictionaries that define actions.
 */
export function scanPdf(bytes: Uint8Array): PdfScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString("latin1");
  if (hasActiveName(text)) return "active";
  const budget = { left: MAX_INFLATED };
  const streamStart = /\bstream(?:\r\n|\n|\r)/g;
  for (const m of text.matchAll(streamStart)) {
    const at = m.index ?? 0;
    const objAt = text.lastIndexOf("obj", at);
    if (objAt < 0) continue;
    const raw = text.slice(objAt + 3, at);
    // Most streams are page content, images and fonts: skip them before the costlier decoding of names.
    if (!raw.includes("ObjStm") && !raw.includes("#")) continue;
    const dict = normalizedDict(raw);
    if (!/\/Type \/ObjStm\b/.test(dict)) continue;
    const dataStart = at + m[0].length;
    const length = /\/Length (\d+)(?!\d| \d+ R)/.exec(dict);
    const end = length ? dataStart + Number(length[1]) : text.indexOf("endstream", dataStart);
    if (end < dataStart || end > buf.byteLength) return "opaque";
    const decoded = decodeStream(buf.subarray(dataStart, end), dict, budget);
    if (!decoded) return "opaque";
    if (hasActiveName(decoded.toString("latin1"))) return "active";
  }
  return "clean";
}
