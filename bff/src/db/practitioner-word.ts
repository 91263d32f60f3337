// The organization's own word for its practitioners, so the portal says "begeleider" where nobody is a behandelaar.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { accounts } from "./tables";

export async function practitionerWordOf(db: Db, orgId: string): Promise<"behandelaar" | "begeleider" | null> {
  const roles = (
    await db
      .selectDistinct({ role: accounts.staffRole })
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, orgId),
          eq(accounts.kind, "staff"),
          inArray(accounts.staffRole, ["behandelaar", "begeleider"]),
          inArray(accounts.status, ["active", "invited", "blocked"]),
        ),
      )
  ).map((r) => r.role);
  if (roles.length !== 1) return roles.length === 0 ? "behandelaar" : null;
  return roles[0] === "begeleider" ? "begeleider" : "behandelaar";
}
