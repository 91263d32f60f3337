// Berichten: threads per portal between its users and the practitioners; read state per person.
import { z } from "zod";
import { IdSchema, visibleText } from "./common";

export const MessageBodySchema = z
  .string({ error: "Schrijf een bericht." })
  .trim()
  .min(1, { error: "Schrijf een bericht." })
  .max(5000, { error: "Het bericht is te lang (hoogstens 5000 tekens)." });

export const NewThreadSchema = z.object({
  subject: z
    .string({ error: "Vul een onderwerp in." })
    .trim()
    .min(1, { error: "Vul een onderwerp in." })
    .max(150, { error: "Het onderwerp is te lang (hoogstens 150 tekens)." })
    .refine(...visibleText("het onderwerp")),
  body: MessageBodySchema,
});
export const ReplySchema = z.object({ body: MessageBodySchema });

export const ThreadSummarySchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  clientName: z.string(),
  subject: z.string(),
  lastMessageAt: z.number(),
  unread: z.number().int(),
});
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;

export const MessageSchema = z.object({
  id: IdSchema,
  sender: z.string(),
  mine: z.boolean(),
  staff: z.boolean(),
  body: z.string(),
  createdAt: z.number(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ThreadDetailSchema = z.object({ id: IdSchema, subject: z.string(), messages: z.array(MessageSchema) });
export type ThreadDetail = z.infer<typeof ThreadDetailSchema>;

export const ThreadParamSchema = z.object({ clientId: IdSchema, threadId: IdSchema });
export const InboxQuerySchema = z.object({ unread: z.enum(["0", "1"]).optional(), clientId: IdSchema.optional() });
