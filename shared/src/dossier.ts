// Dossier and Verslagen: what staff share per document and per person, and what users upload.
import { z } from "zod";
import { DateSchema, HIDDEN_CHARACTERS, IdSchema, PageQuerySchema, pageOf, visibleText } from "./common";

export const DocumentKindSchema = z.enum(["document", "verslag"]);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const DocumentListQuerySchema = PageQuerySchema.extend({
  kind: DocumentKindSchema.default("document"),
  q: z.string().trim().max(100, { error: "Zoekterm is te lang (hoogstens 100 tekens)." }).optional(),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuerySchema>;

export const DocumentItemSchema = z.object({
  id: IdSchema,
  kind: DocumentKindSchema,
  title: z.string(),
  category: z.string().nullable(),
  docDate: z.string(),
  author: z.string(),
  file: z.object({ name: z.string(), mime: z.string(), size: z.number() }).nullable(),
  hasText: z.boolean(),
  sharedAt: z.number(),
});
export type DocumentItem = z.infer<typeof DocumentItemSchema>;
export const DocumentListResponseSchema = pageOf(DocumentItemSchema);
export type DocumentListResponse = z.infer<typeof DocumentListResponseSchema>;

export const DocumentDetailSchema = DocumentItemSchema.extend({ bodyText: z.string().nullable() });
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;

export const DocumentParamSchema = z.object({ clientId: IdSchema, documentId: IdSchema });

/** Staff: a new document or verslag (multipart form: a file, or text for a verslag). */
export const CreateDocumentSchema = z.object({
  kind: DocumentKindSchema,
  title: z
    .string({ error: "Vul een titel in." })
    .trim()
    .min(1, { error: "Vul een titel in." })
    .max(200, { error: "De titel is te lang (hoogstens 200 tekens)." })
    .refine(...visibleText("de titel")),
  docDate: DateSchema,
  author: z
    .string()
    .trim()
    .max(120, { error: "De auteur is te lang (hoogstens 120 tekens)." })
    .refine(...visibleText("de auteur"))
    .optional(),
  category: z
    .string()
    .trim()
    .max(60, { error: "De categorie is te lang (hoogstens 60 tekens)." })
    .refine(...visibleText("de categorie"))
    .optional(),
  bodyText: z.string().max(50_000, { error: "De tekst is te lang (hoogstens 50.000 tekens)." }).optional(),
});
export type CreateDocument = z.infer<typeof CreateDocumentSchema>;

/** Staff: exactly the people who may see this item from now on. */
export const ShareSchema = z.object({
  accountIds: z.array(IdSchema).max(50, { error: "Te veel personen in één keer." }),
  /**
   * Whom the item was shared with when the editor opened it. When given and someone changed the shares
   * since, nothing is written and the answer is 409: no one's share or unshare is silently undone.
   */
  expected: z.array(IdSchema).max(50, { error: "Te veel personen in één keer." }).optional(),
});
export type Share = z.infer<typeof ShareSchema>;

export const StaffDocumentSchema = DocumentItemSchema.omit({ sharedAt: true }).extend({
  createdAt: z.number(),
  sharedWith: z.array(z.object({ accountId: IdSchema, name: z.string(), sharedAt: z.number() })),
  views: z.array(z.object({ name: z.string(), at: z.number(), action: z.string() })),
});
export type StaffDocument = z.infer<typeof StaffDocumentSchema>;
export const StaffDocumentListSchema = z.object({
  documents: z.array(StaffDocumentSchema),
  people: z.array(z.object({ accountId: IdSchema, name: z.string(), role: z.string() })),
});
export type StaffDocumentList = z.infer<typeof StaffDocumentListSchema>;

export const UploadItemSchema = z.object({
  id: IdSchema,
  file: z.object({ name: z.string(), mime: z.string(), size: z.number() }),
  note: z.string().nullable(),
  uploadedBy: z.string(),
  createdAt: z.number(),
  keptAt: z.number().nullable(),
});
export type UploadItem = z.infer<typeof UploadItemSchema>;

export const UploadNoteSchema = z.object({
  note: z.string().trim().max(500, { error: "De toelichting is te lang (hoogstens 500 tekens)." }).optional(),
});

/**
 * One line of the client's access log: someone viewed or downloaded an item that is shared with the
 * reader, or someone new got access to the portal. `role` is the person's role in Dutch (Begeleider,
 * Ouder, Cliënt, …), `organization` the organization's name for staff; never an e-mail address.
 */
export const AccessLogEntrySchema = z.object({
  at: z.number(),
  who: z.string(),
  role: z.string(),
  organization: z.string().nullable(),
  action: z.enum(["bekeken", "gedownload", "toegang"]),
  /** The item's title; null for "toegang" (someone got access). */
  title: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

/** A period of Dutch calendar days (Europe/Amsterdam), both ends included and optional, and a page. */
export const AccessLogQuerySchema = PageQuerySchema.extend({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Vul bij Van een datum in als JJJJ-MM-DD." })
    .refine(realDate, { error: "De datum bij Van bestaat niet." })
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Vul bij Tot en met een datum in als JJJJ-MM-DD." })
    .refine(realDate, { error: "De datum bij Tot en met bestaat niet." })
    .optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, {
  error: "De datum bij Van ligt na de datum bij Tot en met. Kies een begin dat vóór het einde ligt.",
  path: ["to"],
});
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>;

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= "1900-01-01" && s <= "2999-12-31";
}
export const AccessLogResponseSchema = pageOf(AccessLogEntrySchema);
export type AccessLogResponse = z.infer<typeof AccessLogResponseSchema>;

/** Files we accept, checked by their content (magic bytes), never by name or browser-sent type. */
export const ALLOWED_FILE_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
  "image/heic": "HEIC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
};
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file field of a multipart form, as the browser sends it. */
export const FileFieldSchema = z
  .instanceof(File, { error: "Kies een bestand om te uploaden." })
  .refine((f) => !HIDDEN_CHARACTERS.test(f.name), {
    error:
      "De naam van dit bestand bevat een onzichtbaar teken (zoals een teken dat de leesrichting omdraait), waardoor het iets anders lijkt dan het is. Geef het bestand een gewone naam en probeer het opnieuw.",
  });
export const UploadFormSchema = z.object({ file: FileFieldSchema, note: UploadNoteSchema.shape.note });
export const CreateDocumentFormSchema = CreateDocumentSchema.extend({ file: FileFieldSchema.optional() });

// --- The signed-in person's own uploads in a portal (issue 11 point 4) ---

/** One's own upload: staff have kept it in the dossier (then it can no longer be removed) or not yet. */
export const MyUploadSchema = z.object({
  id: IdSchema,
  file: z.object({ name: z.string(), mime: z.string(), size: z.number() }),
  note: z.string().nullable(),
  createdAt: z.number(),
  keptAt: z.number().nullable(),
});
export type MyUpload = z.infer<typeof MyUploadSchema>;
export const MyUploadsResponseSchema = z.object({ items: z.array(MyUploadSchema) });
export type MyUploadsResponse = z.infer<typeof MyUploadsResponseSchema>;
export const UploadParamSchema = z.object({ clientId: IdSchema, uploadId: IdSchema });
