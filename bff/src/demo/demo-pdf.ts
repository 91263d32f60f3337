// A small, plain PDF (one A4 page of Helvetica text) for the demo's dossier documents, so that every
// shared document in the demo has a file to preview and download. Demo data only.

/** PDF string literal in WinAnsi (Latin-1) bytes: ë and é survive, brackets and backslashes escaped. */
function literal(text: string): string {
  return `(${text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "?").replace(/[\\()]/g, "\\$&")})`;
}

/** `size`: pad with a comment after the header up to this many bytes (tests of large uploads). */
export function demoPdf(title: string, lines: string[], size = 0): Uint8Array {
  const content = [
    "BT",
    "/F1 18 Tf 56 780 Td",
    `${literal(title)} Tj`,
    "/F1 11 Tf 0 -32 Td 16 TL",
    ...lines.map((line) => `${literal(line)} Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const bare = 700 + Buffer.byteLength(content, "latin1");
  if (size > bare) out += `%${" ".repeat(size - bare)}\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
