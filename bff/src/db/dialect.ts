// The few SQL spellings that differ between SQLite and PostgreSQL, for the process's dialect (db/tables.ts).
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { dialect } from "./tables";

/** Case-insensitive ordering: SQLite's COLLATE NOCASE, PostgreSQL's lower(). */
export function nocase(expr: SQLWrapper): SQL {
  return dialect === "pg" ? sql`lower(${expr})` : sql`${expr} COLLATE NOCASE`;
}

/** A case-insensitive LIKE with `\` as the escape character (SQLite's LIKE is; PostgreSQL's ILIKE). */
export function ilike(expr: SQLWrapper, pattern: string): SQL {
  return dialect === "pg" ? sql`${expr} ILIKE ${pattern} ESCAPE '\\'` : sql`${expr} LIKE ${pattern} ESCAPE '\\'`;
}

/** The larger of two values: SQLite's two-argument max(), PostgreSQL's greatest(). */
export function greatest(a: SQLWrapper | number, b: SQLWrapper | number): SQL {
  return dialect === "pg" ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}
