// The one shape of a domain call's outcome. Expected failures are values, not
// exceptions: a route turns "invalid" into field errors (400) and the other kinds
// into thrown Responses (403, 404, 409) rendered by the shared error boundary
// (see failureResponse). Unexpected failures (the database is down, a bug) are
// thrown as Errors and become 500s.

export type FieldErrors = Record<string, string[]>;

export type FailureKind = "invalid" | "conflict" | "forbidden" | "not_found";

export type Failure = {
  ok: false;
  kind: FailureKind;
  /** For people: shown above the form, or as the error page's text. */
  message: string;
  /** For "invalid": messages by form field name (conform's shape). */
  fieldErrors?: FieldErrors;
};

export type Result<T = undefined> = { ok: true; value: T } | Failure;

export function ok(): Result<undefined>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

export function fail(kind: FailureKind, message: string, fieldErrors?: FieldErrors): Failure {
  return fieldErrors ? { ok: false, kind, message, fieldErrors } : { ok: false, kind, message };
}

/** A form error on one field. */
export function invalid(field: string, message: string): Failure {
  return fail("invalid", message, { [field]: [message] });
}

export const HTTP_STATUS: Record<FailureKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

/** The Response a route throws for a failure it does not show on the form. */
export function failureResponse(failure: Failure): Response {
  return new Response(failure.message, { status: HTTP_STATUS[failure.kind] });
}

/**
 * For an action: what to show on the form for a failure that belongs there (an
 * "invalid" one, or any that names a field, like a publish that lost a race),
 * with its HTTP status. Any other failure is thrown as its Response (403, 404, 409),
 * for the shared error boundary.
 */
export function formFailure(failure: Failure): { status: number; fieldErrors?: FieldErrors; formErrors?: string[] } {
  if (failure.kind !== "invalid" && !failure.fieldErrors) throw failureResponse(failure);
  return {
    status: HTTP_STATUS[failure.kind],
    fieldErrors: failure.fieldErrors,
    formErrors: failure.fieldErrors ? undefined : [failure.message],
  };
}
