// Dagboek: a private diary per person per portal. Staff see an entry only when its writer shares it.
import { z } from "zod";
import { DateSchema, IdSchema, PageQuerySchema, pageOf, visibleText } from "./common";

export const MOODS = [1, 2, 3, 4, 5] as const;
export const MAX_TAGS = 5;

const TagSchema = z
  .string({ error: "Een label is tekst." })
  .trim()
  .min(1, { error: "Een label mag niet leeg zijn." })
  .max(30, { error: "Een label is hoogstens 30 tekens." })
  .refine(...visibleText("het label"));

export const DiaryInputSchema = z.object({
  entryDate: DateSchema.refine((d) => d <= new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10), {
    error: "Een dagboekdag kan niet in de toekomst liggen.",
  }),
  mood: z
    .number({ error: "Kies een stemming van 1 tot 5." })
    .int({ error: "Kies een stemming van 1 tot 5." })
    .min(1, { error: "Kies een stemming van 1 tot 5." })
    .max(5, { error: "Kies een stemming van 1 tot 5." })
    .nullable()
    .default(null),
  tags: z
    .array(TagSchema, { error: "Labels zijn een lijst." })
    .max(MAX_TAGS, { error: `Hoogstens ${MAX_TAGS} labels.` })
    .default([])
    .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
  body: z
    .string({ error: "Schrijf iets in uw dagboek." })
    .trim()
    .min(1, { error: "Schrijf iets in uw dagboek." })
    .max(10_000, { error: "Dit stuk is te lang (hoogstens 10.000 tekens)." }),
});
export type DiaryInput = z.input<typeof DiaryInputSchema>;

/** An edit names the version it started from: an edit from another tab in between is not overwritten. */
export const DiaryUpdateSchema = DiaryInputSchema.extend({
  version: z.number({ error: "Versie ontbreekt." }).int().min(1, { error: "Versie ontbreekt." }),
});

export const DiaryShareSchema = z.object({ shared: z.boolean({ error: "Kies delen of niet delen." }) });
export const DiaryParamSchema = z.object({ clientId: IdSchema, entryId: IdSchema });
export const DiaryQuerySchema = PageQuerySchema;

export const DiaryEntrySchema = z.object({
  id: IdSchema,
  entryDate: z.string(),
  mood: z.number().int().nullable(),
  tags: z.array(z.string()),
  body: z.string(),
  sharedAt: z.number().nullable(),
  version: z.number().int(),
  updatedAt: z.number(),
});
export type DiaryEntry = z.infer<typeof DiaryEntrySchema>;
export const DiaryPageSchema = pageOf(DiaryEntrySchema);
export type DiaryPage = z.infer<typeof DiaryPageSchema>;

/** What staff see: shared entries only, with who wrote them. */
export const SharedDiaryEntrySchema = DiaryEntrySchema.omit({ version: true }).extend({ author: z.string() });
export type SharedDiaryEntry = z.infer<typeof SharedDiaryEntrySchema>;
export const SharedDiaryPageSchema = pageOf(SharedDiaryEntrySchema);
export type SharedDiaryPage = z.infer<typeof SharedDiaryPageSchema>;
