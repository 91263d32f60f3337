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
  version: z.number().int(),
});

export const RelationRoleSchema = z.enum(["ouder", "voogd", "mentor", "curator", "broer/zus", "partner", "verwant"], {
  error: "Kies een rol uit de lijst (ouder, voogd, mentor, curator, broer/zus, partner of verwant).",
});

export const RelationSchema = z.object({
  id: IdSchema,
  contactId: IdSchema,
  name: z.string(),
  role: RelationRoleSchema,
  gezag: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  otherClients: z.array(z.object({ id: IdSchema, name: z.string() })),
  /**
   * The consent that counts today: the client's (a gezag holder after 16; a relation without gezag of a
   * client of 16+; also recorded ahead of the 16th birthday) or a gezag holder's (a relation without gezag
   * of a client under 16). Null: none, or revoked, or not counting any more.
   */
  consent: ConsentSchema.nullable(),
  /** Why this relation cannot have access today for want of consent, naming whose is missing; null when none is needed. */
  consentMissing: z.string().nullable(),
  /** The day the relation ended (its access closed); null while it is an actuele relatie. */
  endDate: z.string().nullable(),
  version: z.number().int(),
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
  version: z.number().int(),
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

const PhoneSchema = z
  .string({ error: "Vul een geldig telefoonnummer in." })
  .trim()
  .regex(/^[0-9 +()-]{6,20}$/, { error: "Vul een geldig telefoonnummer in: 6 tot 20 cijfers, spaties, +, ( ) of -." });

export const CreateRelationSchema = z.object({
  firstName: NameSchema("voornaam"),
  lastName: NameSchema("achternaam"),
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
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

// ---- Client records (issue 14): create and edit clients, placements/products and relations. ----

/** The version an edit started from: a stale one changes nothing (409), so no edit overwrites another. */
const VersionSchema = z
  .number({ error: "De versie van de gegevens ontbreekt. Ververs de pagina en probeer het opnieuw." })
  .int({ error: "De versie van de gegevens is ongeldig." })
  .min(1, { error: "De versie van de gegevens is ongeldig." })
  .max(1_000_000_000, { error: "De versie van de gegevens is ongeldig." });

/** A birth date: a real date, not in the future and not before 1900. */
export const ClientBirthDateSchema = z
  .string({ error: "Vul de geboortedatum in." })
  .min(1, { error: "Vul de geboortedatum in." })
  .pipe(DateSchema)
  .refine((s) => s >= "1900-01-01", { error: "De geboortedatum ligt vóór 1900; controleer het jaar." })
  .refine((s) => s <= new Date().toISOString().slice(0, 10), { error: "De geboortedatum ligt in de toekomst." });

/** The client number as the organization's own system knows it; unique within the organization. */
export const ClientNumberSchema = z
  .string({ error: "Vul het cliëntnummer in." })
  .trim()
  .min(1, { error: "Vul het cliëntnummer in." })
  .max(20, { error: "Het cliëntnummer is te lang (hoogstens 20 tekens)." })
  .regex(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, {
    error: "Een cliëntnummer bestaat uit letters, cijfers, punten, streepjes of schuine strepen (en begint met een letter of cijfer).",
  });

const AddressSchema = z
  .string({ error: "Vul een geldig adres in." })
  .trim()
  .max(200, { error: "Het adres is te lang (hoogstens 200 tekens)." })
  .refine(...visibleText("het adres"));

/** Empty text fields from a form mean "not known": "" becomes null. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable().optional());

const clientFields = {
  clientNumber: ClientNumberSchema,
  firstName: NameSchema("voornaam"),
  lastName: NameSchema("achternaam"),
  birthDate: ClientBirthDateSchema,
  email: optional(EmailSchema),
  phone: optional(PhoneSchema),
  address: optional(AddressSchema),
};

export const CreateClientSchema = z.object(clientFields);
export type CreateClient = z.infer<typeof CreateClientSchema>;

export const UpdateClientSchema = z.object({ ...clientFields, version: VersionSchema });
export type UpdateClient = z.infer<typeof UpdateClientSchema>;

export const PlacementKindSchema = z.enum(["plaatsing", "product"], { error: "Kies plaatsing of product." });

const placementFields = z.object({
  kind: PlacementKindSchema,
  name: z
    .string({ error: "Vul de locatie of productnaam in." })
    .trim()
    .min(1, { error: "Vul de locatie of productnaam in." })
    .max(100, { error: "De locatie of productnaam is te lang (hoogstens 100 tekens)." })
    .refine(...visibleText("de locatie of productnaam")),
  startDate: z.string({ error: "Vul de startdatum in." }).min(1, { error: "Vul de startdatum in." }).pipe(DateSchema),
  endDate: z.preprocess((v) => (v === "" ? null : v), DateSchema.nullable().optional()),
});

/** The end date may be the start date (one day), never before it. */
const endNotBeforeStart = (p: { startDate: string; endDate?: string | null | undefined }) => !p.endDate || p.endDate >= p.startDate;
const END_BEFORE_START = { error: "De einddatum ligt vóór de startdatum.", path: ["endDate"] };

export const CreatePlacementSchema = placementFields.refine(endNotBeforeStart, END_BEFORE_START);
export type CreatePlacement = z.infer<typeof CreatePlacementSchema>;

export const UpdatePlacementSchema = placementFields.extend({ version: VersionSchema }).refine(endNotBeforeStart, END_BEFORE_START);
export type UpdatePlacement = z.infer<typeof UpdatePlacementSchema>;

export const UpdateRelationSchema = z.object({
  role: RelationRoleSchema,
  gezag: z.boolean({ error: "Geef aan of deze relatie gezag heeft." }),
  version: VersionSchema,
});
export type UpdateRelation = z.infer<typeof UpdateRelationSchema>;

export const EndRelationSchema = z.object({ version: VersionSchema });
export type EndRelation = z.infer<typeof EndRelationSchema>;

export const CreatedClientSchema = z.object({ id: IdSchema });
export const RecordVersionSchema = z.object({ id: IdSchema, version: z.number().int() });
export type RecordVersion = z.infer<typeof RecordVersionSchema>;
