// Staff views of clients, their placements and their actuele relaties (Beheer).
import { z } from "zod";
import { AccessFilterSchema, AccessStatusSchema, BlockReasonSchema } from "./access";
import { CareStateSchema, ConsentSchema } from "./care";
import { DateSchema, EmailSchema, IdSchema, PageQuerySchema, pageOf, visibleText } from "./common";

export const ClientListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100, { error: "Zoekterm is te lang (hoogstens 100 tekens)." }).optional(),
  /** Only clients of whom someone's access is in this state (secretariaat and beheerders). */
  toegang: AccessFilterSchema.optional(),
});
export type ClientListQuery = z.infer<typeof ClientListQuerySchema>;

export const ClientSummarySchema = z.object({
  id: IdSchema,
  clientNumber: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  activePlacement: z.string().nullable(),
  /** Relations whose name or e-mail matched the search: how a parent who phones in is found. */
  matchedRelations: z.array(z.object({ name: z.string(), role: z.string(), email: z.string().nullable() })),
  /** Everyone with (or once with) access to this portal; empty for practitioners, who do not manage access. */
  access: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      status: AccessStatusSchema,
      blockedReason: BlockReasonSchema.nullable(),
      closeRequested: z.boolean(),
    }),
  ),
});
export type ClientSummary = z.infer<typeof ClientSummarySchema>;

export const ClientListResponseSchema = pageOf(ClientSummarySchema);
export type ClientListResponse = z.infer<typeof ClientListResponseSchema>;

export const PlacementSchema = z.object({
  id: IdSchema,
  kind: z.enum(["plaatsing", "product"]),
  name: z.string(),
  location: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  active: z.boolean(),
});

export const RelationRoleSchema = z.enum(["ouder", "voogd", "mentor", "curator", "broer/zus", "partner", "verwant"]);

export const RelationSchema = z.object({
  id: IdSchema,
  contactId: IdSchema,
  name: z.string(),
  role: RelationRoleSchema,
  gezag: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  otherClients: z.array(z.object({ id: IdSchema, name: z.string() })),
  /** The client's consent that this parent or guardian keeps access after 16 (null: none, or revoked). */
  consent: ConsentSchema.nullable(),
});
export type Relation = z.infer<typeof RelationSchema>;

export const ClientDetailSchema = z.object({
  id: IdSchema,
  clientNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  placements: z.array(PlacementSchema),
  relations: z.array(RelationSchema),
  care: CareStateSchema,
});
export type ClientDetail = z.infer<typeof ClientDetailSchema>;

const NameSchema = (label: string) =>
  z
    .string({ error: `Vul de ${label} in.` })
    .trim()
    .min(1, { error: `Vul de ${label} in.` })
    .max(80, { error: `De ${label} is te lang (hoogstens 80 tekens).` })
    .refine(...visibleText(`de ${label}`));

export const CreateRelationSchema = z.object({
  firstName: NameSchema("voornaam"),
  lastName: NameSchema("achternaam"),
  email: EmailSchema.nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{6,20}$/, { error: "Vul een geldig telefoonnummer in." })
    .nullable()
    .optional(),
  role: RelationRoleSchema,
  gezag: z.boolean().default(false),
});
export type CreateRelation = z.infer<typeof CreateRelationSchema>;

export const LinkRelationSchema = z.object({
  contactId: IdSchema,
  role: RelationRoleSchema,
  gezag: z.boolean().default(false),
});
export type LinkRelation = z.infer<typeof LinkRelationSchema>;

export const ContactSearchQuerySchema = z.object({
  q: z.string().trim().min(2, { error: "Typ minstens 2 tekens om te zoeken." }).max(100, { error: "Zoekterm is te lang." }),
});

export const ContactSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string().nullable(),
  clients: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export const ContactSearchResponseSchema = z.object({ items: z.array(ContactSummarySchema) });
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const BirthDateSchema = DateSchema;
