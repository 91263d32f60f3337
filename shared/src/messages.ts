// Berichten: threads per portal between its users and the practitioners; read state per person.
import { z } from "zod";
import { IdSchema, visibleText } from "./common";
import { FileFieldSchema } from "./dossier";

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

export const AttachmentSchema = z.object({ id: IdSchema, name: z.string(), mime: z.string(), size: z.number() });
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Who can read a conversation: the people with access to the portal and the staff it is for. */
export const ThreadReadersSchema = z.object({
  portal: z.array(z.object({ name: z.string(), you: z.boolean() })),
  staff: z.array(z.object({ name: z.string(), role: z.string(), you: z.boolean() })),
  /** True when the conversation is for the whole care team (nobody chose part of it). */
  wholeTeam: z.boolean(),
});
export type ThreadReaders = z.infer<typeof ThreadReadersSchema>;

export const MessageSchema = z.object({
  id: IdSchema,
  sender: z.string(),
  mine: z.boolean(),
  staff: z.boolean(),
  body: z.string(),
  createdAt: z.number(),
  attachments: z.array(AttachmentSchema),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * A person with access to a portal, as others in it and staff see them: no e-mail address. `role` is the
 * grant's relation ("eigen" for the client's own account, "ouder", "verwant", …).
 */
export const PortalPersonSchema = z.object({ id: IdSchema, name: z.string(), role: z.string() });
export type PortalPerson = z.infer<typeof PortalPersonSchema>;
export const PortalPeopleResponseSchema = z.object({ items: z.array(PortalPersonSchema) });
export type PortalPeopleResponse = z.infer<typeof PortalPeopleResponseSchema>;

export const ThreadDetailSchema = z.object({
  id: IdSchema,
  subject: z.string(),
  messages: z.array(MessageSchema),
  readers: ThreadReadersSchema,
  /** The portal people who take part in it (they alone read it in the portal). */
  participants: z.array(PortalPersonSchema),
});
export type ThreadDetail = z.infer<typeof ThreadDetailSchema>;

export const ThreadParamSchema = z.object({ clientId: IdSchema, threadId: IdSchema });
export const InboxQuerySchema = z.object({ unread: z.enum(["0", "1"]).optional(), clientId: IdSchema.optional() });

// --- Attachments, recipients in the team, who can read (issue 11 point 5) ---

/** At most this many files go with one message. */
export const MAX_ATTACHMENTS = 5;

/** The client's care team: whom a new conversation can be for. */
export const TeamMemberSchema = z.object({ id: IdSchema, name: z.string(), role: z.string() });
export type TeamMember = z.infer<typeof TeamMemberSchema>;
export const TeamResponseSchema = z.object({ items: z.array(TeamMemberSchema) });
export type TeamResponse = z.infer<typeof TeamResponseSchema>;

/** A form field sent once is a value, sent more often a list: always a list here. */
const many = <T extends z.ZodType>(item: T, max: number, tooMany: string) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(max, { error: tooMany }).optional());

const StaffIdsSchema = many(IdSchema, 30, "Te veel ontvangers in één keer.").refine((ids) => ids === undefined || ids.length > 0, {
  error: "Kies ten minste één medewerker uit het team.",
});
/** Who in the portal takes part in a new conversation; the portal's starter always does. */
const ParticipantIdsSchema = many(IdSchema, 30, "Te veel deelnemers in één keer.");
const FilesSchema = many(FileFieldSchema, MAX_ATTACHMENTS, `Voeg hoogstens ${MAX_ATTACHMENTS} bestanden toe aan één bericht.`);

/** A new conversation as JSON (text only) or, with files, as a multipart form. `staffIds` absent: the whole team. */
export const NewThreadWithTeamSchema = NewThreadSchema.extend({ staffIds: StaffIdsSchema, participantIds: ParticipantIdsSchema });
export const NewThreadFormSchema = NewThreadWithTeamSchema.extend({ file: FilesSchema });
export const ReplyFormSchema = ReplySchema.extend({ file: FilesSchema });

export const AttachmentParamSchema = ThreadParamSchema.extend({ attachmentId: IdSchema });

/** Staff add one portal person to a conversation: they then read the whole of it. */
export const AddParticipantSchema = z.object({ accountId: IdSchema });
export type AddParticipant = z.infer<typeof AddParticipantSchema>;

/** Dutch refusals naming the field, for the portal and Beheer alike. */
export const NOT_IN_PORTAL =
  "Kies deelnemers uit de mensen die nu toegang hebben tot dit portaal. Ververs de pagina als dat net is gewijzigd.";
export const NOBODY_IN_PORTAL = "Kies ten minste één persoon uit het portaal die meedoet aan dit gesprek.";
