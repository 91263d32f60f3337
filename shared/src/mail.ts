// The dev mailbox contract (SPEC §6): captured e-mails, newest first.
import { z } from "zod";

export const DevMailQuerySchema = z.object({ to: z.string().trim().max(254).optional() });
export const DevMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.string(),
});
export const DevMailListSchema = z.array(DevMailSchema);
export type DevMail = z.infer<typeof DevMailSchema>;
