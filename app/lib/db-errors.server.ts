// The one place that turns a database refusal into a Result failure. The SQL
// names the field it refuses (raise ... using errcode = '23514', hint = 'field:planned_date'
// style: `hint = 'field:<form field>'`); nothing here reads the wording of a message.
import type { PostgrestError } from "@supabase/supabase-js";
import { fail, type Failure } from "./result";

type Messages = {
  /** What is being changed, for the generic messages ("That phase is not valid."). */
  what: string;
  /** Shown for a refusal by RLS or a permission check (42501). */
  forbidden?: string;
  /** Shown for a unique violation (23505) with no field named. */
  duplicate?: string;
};

const CONFLICT_CODES = new Set(["PT409", "40001", "40P01"]);

/** The form field a database error names in its hint (`field:<name>`), if any. */
export function fieldOf(error: Pick<PostgrestError, "hint">): string | null {
  const match = /^field:([A-Za-z][A-Za-z0-9_]*)$/.exec(error.hint?.trim() ?? "");
  return match ? match[1]! : null;
}

/**
 * Maps the error codes the app expects to a Failure; anything else is thrown
 * (a 500: a bug or an outage, not something a person can fix).
 * - 23514 check / 22xxx bad value / 23502 missing: "invalid" (on the hinted field, or for the whole form)
 * - 23505 unique: "invalid" on the hinted field, else "conflict"
 * - 23503 foreign key: "invalid" on the hinted field (unhinted, it is thrown)
 * - 42501 RLS or permission: "forbidden"
 * - PT404 / P0002 no such row (or not yours to change): "not_found"
 * - PT403: "forbidden"
 * - PT409 (PostgREST answers 409), serialization failures: "conflict"
 */
export function dbFailure(error: PostgrestError, messages: Messages): Failure {
  const field = fieldOf(error);
  // Messages we raise ourselves are written for people; Postgres' own are not.
  const ours = field !== null || !/^(new row|null value|duplicate key|insert or update|update or delete|value too long|invalid input)/.test(error.message);
  const withField = (kind: Failure["kind"], message: string) => fail(kind, message, field ? { [field]: [message] } : undefined);
  if (error.code === "23514" || error.code === "23502" || error.code?.startsWith("22")) {
    return withField("invalid", ours ? error.message : `That ${messages.what} is not valid.`);
  }
  if (error.code === "23505") {
    if (field) return withField("invalid", error.message);
    return fail("conflict", messages.duplicate ?? `That ${messages.what} already exists.`);
  }
  if (error.code === "23503" && field) return withField("invalid", error.message);
  if (error.code === "42501" || error.code === "PT403") {
    return fail("forbidden", messages.forbidden ?? (ours ? error.message : `You cannot change this ${messages.what}.`));
  }
  if (error.code === "P0002" || error.code === "PT404") return withField("not_found", error.message);
  if (error.code && CONFLICT_CODES.has(error.code)) return withField("conflict", error.message);
  throw new Error(`Could not save the ${messages.what}: ${error.message}`);
}
