// The PDF check finds script and launch actions however they are written: names with #xx escapes, and
// dictionaries packed into compressed object streams; what it cannot unpack it does not vouch for.
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkFile } from "./store";

const enc = (s: string) => Buffer.from(s, "latin1");

/** A small PDF around the given objects, ending in %%EOF as a whole file does. */
function pdf(...objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")];
  for (const o of objects) parts.push(typeof o === "string" ? enc(o) : o, enc("\n"));
  parts.push(enc("trailer << /Root 1 0 R >>\n%%EOF\n"));
  return new Uint8Array(Buffer.concat(parts));
}

/** An object stream (ISO 32000 §7.5.7) holding one dictionary, packed with the given filter. */
function objStm(body: string, opts: { filter?: string; pack?: (b: Buffer) => Buffer; extra?: string; length?: boolean } = {}): Buffer {
  const header = "5 0 ";
  const content = enc(header + body);
  const data = (opts.pack ?? deflateSync)(content);
  const length = opts.length === false ? "" : `/Length ${data.byteLength} `;
  return Buffer.concat([
    enc(
      `4 0 obj << /Type /ObjStm /N 1 /First ${header.length} ${length}/Filter ${opts.filter ?? "/FlateDecode"} ${opts.extra ?? ""}>>\nstream\n`,
    ),
    data,
    enc("\nendstream\nendobj"),
  ]);
}

const verdict = async (bytes: Uint8Array) => {
  const r = await checkFile(bytes, "brief.pdf");
  return r.ok ? "ok" : r.code;
};

describe("the PDF check", () => {
  it("refuses script and launch actions written with #xx escapes in their names", async () => {
    expect(await verdict(pdf("3 0 obj << /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj"))).toBe("file_not_safe");
    expect(await verdict(pdf("3 0 obj << /OpenAction << /S /L#61unch /F (calc.exe) >> >> endobj"))).toBe("file_not_safe");
    expect(await verdict(pdf("3 0 obj << /OpenAction << /S /#4C#61#75#6e#63#68 /F (calc.exe) >> >> endobj"))).toBe("file_not_safe");
  });

  it("refuses actions inside compressed object streams, also when the stream's own names are escaped", async () => {
    expect(await verdict(pdf(objStm("<< /S /JavaScript /JS (app.alert(1)) >>")))).toBe("file_not_safe");
    expect(await verdict(pdf(objStm("<< /S /Launch /F (cmd.exe) >>")))).toBe("file_not_safe");
    expect(await verdict(pdf(objStm("<< /S /J#61vaScript /J#53 (x) >>", { filter: "[/Fl#61teDecode]" })))).toBe("file_not_safe");
    expect(await verdict(pdf(objStm("<< /S /Launch >>", { length: false })))).toBe("file_not_safe");
    const hidden = objStm("<< /S /Launch >>").toString("latin1").replace("/Type /ObjStm", "/Type/Obj#53tm");
    expect(await verdict(pdf(Buffer.from(hidden, "latin1")))).toBe("file_not_safe");
    const hex = (b: Buffer) => enc(`${b.toString("hex")}>`);
    expect(await verdict(pdf(objStm("<< /S /Launch >>", { filter: "[/AHx /Fl]", pack: (b) => hex(deflateSync(b)) })))).toBe(
      "file_not_safe",
    );
  });

  it("does not vouch for an object stream it cannot unpack", async () => {
    const lzw = objStm("<< /S /Launch >>", { filter: "/LZWDecode", pack: (b) => b });
    expect(await verdict(pdf(lzw))).toBe("file_not_safe");
    const predictor = objStm("<< /S /Launch >>", { extra: "/DecodeParms << /Predictor 12 /Columns 4 >>" });
    expect(await verdict(pdf(predictor))).toBe("file_not_safe");
    const garbage = objStm("x", { pack: () => enc("not deflate at all") });
    expect(await verdict(pdf(garbage))).toBe("file_not_safe");
    // A "zip bomb": 65 MB of nothing in a few dozen kB.
    const bomb = Buffer.concat([
      enc("4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"),
      deflateSync(Buffer.alloc(65 * 1024 * 1024), { level: 1 }),
      enc("\nendstream\nendobj"),
    ]);
    expect(await verdict(pdf(bomb))).toBe("file_not_safe");
  });

  it("accepts ordinary PDFs with object streams, links and escaped harmless names", async () => {
    expect(await verdict(pdf(objStm("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")))).toBe("ok");
    expect(await verdict(pdf("3 0 obj << /S /URI /URI (https://example.org) /Name /A#20B >> endobj"))).toBe("ok");
  });
});
