// Checks on an upload beyond its magic bytes: complete (not truncated), nothing hidden after its end or
// markup in its head (polyglots), no active content in PDFs, and a name that says what it is.
import { ALLOWED_FILE_TYPES } from "@portaal/shared/dossier";
import { scanPdf } from "./pdf-scan";

const ZIP_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

const EXTENSIONS: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
  "image/webp": ["webp"],
  "image/heic": ["heic", "heif"],
  [ZIP_TYPES[0] as string]: ["docx"],
  [ZIP_TYPES[1] as string]: ["xlsx"],
};

const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** What a browser or a script engine would take for markup, where sniffers look: the start of the file. */
const MARKUP = /<\s*(html|head|body|script|svg|iframe|object|embed|\?php|!doctype)\b/i;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

function endsProperly(b: Uint8Array, mime: string): boolean {
  const n = b.byteLength;
  const view = new DataView(b.buffer, b.byteOffset, n);
  switch (mime) {
    case "application/pdf": {
      // "%%EOF" within the last 1024 bytes (ISO 32000 §7.5.5), then only line ends or padding.
      const tail = latin1(b.subarray(Math.max(0, n - 1024)));
      const at = tail.lastIndexOf("%%EOF");
      return at >= 0 && /^[\s\0]*$/.test(tail.slice(at + 5));
    }
    case "image/png":
      return n >= 12 && IEND.every((v, i) => b[n - 12 + i] === v);
    case "image/jpeg": {
      let end = n;
      while (end > 0 && (b[end - 1] === 0 || b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
      return end >= 4 && b[end - 2] === 0xff && b[end - 1] === 0xd9;
    }
    case "image/webp": {
      // RIFF: the size in the header covers the whole file (one padding byte allowed).
      if (n < 12) return false;
      const size = view.getUint32(4, true) + 8;
      return size === n || size + 1 === n;
    }
    case "image/heic": {
      // ISO BMFF: top-level boxes that add up to exactly the file.
      let off = 0;
      while (off < n) {
        if (off + 8 > n) return false;
        let size = view.getUint32(off);
        if (size === 1) {
          if (off + 16 > n) return false;
          size = Number(view.getBigUint64(off + 8));
        } else if (size === 0) size = n - off;
        if (size < 8 || off + size > n) return false;
        off += size;
      }
      return true;
    }
    default: {
      if (!ZIP_TYPES.includes(mime)) return true;
      // ZIP: the end-of-central-directory record closes the file exactly (with its comment).
      for (let at = n - 22; at >= Math.max(0, n - 22 - 0xffff); at--) {
        if (view.getUint32(at, true) === 0x06054b50) return at + 22 + view.getUint16(at + 20, true) === n;
      }
      return false;
    }
  }
}

export type FileProblem = { code: "file_damaged" | "file_not_safe" | "name_mismatch"; message: string };

/** What is wrong with an upload whose content is an allowed type, or null. */
export function fileProblem(bytes: Uint8Array, mime: string, name?: string): FileProblem | null {
  const label = ALLOWED_FILE_TYPES[mime] ?? mime;
  if (!endsProperly(bytes, mime)) {
    return {
      code: "file_damaged",
      message: `Dit ${label}-bestand is onvolledig of er zit na het einde nog iets achter. Sla het opnieuw op en probeer het nog eens.`,
    };
  }
  const head = latin1(bytes.subarray(0, 1024));
  const pdf = mime === "application/pdf" ? scanPdf(bytes) : "clean";
  if (pdf === "opaque") {
    return {
      code: "file_not_safe",
      message:
        "Dit PDF-bestand is versleuteld of ingepakt op een manier die we niet kunnen controleren. Sla het opnieuw op als gewone PDF (zonder beveiliging) en probeer het nog eens.",
    };
  }
  if (MARKUP.test(head) || pdf === "active") {
    return {
      code: "file_not_safe",
      message: `Dit ${label}-bestand bevat onderdelen die we om veiligheidsredenen niet aannemen, zoals scripts. Sla het opnieuw op als gewone ${label} en probeer het nog eens.`,
    };
  }
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name?.trim() ?? "")?.[1]?.toLowerCase();
  if (ext && !(EXTENSIONS[mime] ?? []).includes(ext)) {
    return {
      code: "name_mismatch",
      message: `Dit bestand heet .${ext}, maar het is een ${label}. Geef het de juiste naam of kies het goede bestand.`,
    };
  }
  return null;
}
