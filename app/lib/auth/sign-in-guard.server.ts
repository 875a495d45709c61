// Sign-in bookkeeping kept in the database (auth_events) rather than in the
// cookie, so it holds across browsers and replayed cookies: how many codes an
// email or address asked for, how many wrong codes were tried, and which codes
// were already used. Runs as the named "sign-in" service job.
import { createHash } from "node:crypto";
import { serviceRoleClient } from "~/lib/service-role.server";
import { SIGN_IN_LIMITS } from "./schema";

type AttemptKind = "code_requested" | "code_checked";

/**
 * Records a code request or a code guess and says whether it is within the
 * limits, in one atomic step in the database (record_sign_in_attempt: a
 * per-email lock, count, insert). Concurrent requests cannot all pass a check
 * made before any of them is recorded.
 */
async function recordAttempt(kind: AttemptKind, email: string, ip: string | null, perEmail: number, perIp: number | null) {
  const { data, error } = await serviceRoleClient("sign-in").rpc("record_sign_in_attempt", {
    p_kind: kind,
    p_email: email,
    p_ip: ip as string,
    p_per_email: perEmail,
    p_per_ip: perIp as number,
    p_window_minutes: SIGN_IN_LIMITS.windowMinutes,
  });
  if (error) throw new Error(`Could not check sign-in limits: ${error.message}`);
  return data === true;
}

/** Records a code request; a message to show when this email or address asked for too many codes, else null. */
export async function claimCodeRequest(email: string, ip: string | null): Promise<string | null> {
  const allowed = await recordAttempt("code_requested", email, ip, SIGN_IN_LIMITS.codesPerEmail, SIGN_IN_LIMITS.codesPerIp);
  return allowed ? null : `Too many codes were requested. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then try again.`;
}

/** Records a code guess before it is checked; a message when too many were tried for this email, else null. */
export async function claimCodeCheck(email: string, ip: string | null): Promise<string | null> {
  const allowed = await recordAttempt("code_checked", email, ip, SIGN_IN_LIMITS.wrongCodesPerEmail, null);
  return allowed ? null : `Too many wrong codes. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then request a new code.`;
}

/**
 * Marks a code as used. Returns false when it was used before: the unique
 * constraint on code_hash makes this safe against double submits.
 */
export async function consumeCode(codeIdentity: string, email: string, ip: string | null): Promise<boolean> {
  const codeHash = createHash("sha256").update(codeIdentity).digest("hex");
  const { error } = await serviceRoleClient("sign-in")
    .from("auth_events")
    .insert({ kind: "code_used", email, ip, code_hash: codeHash });
  if (!error) return true;
  if (error.code === "23505") return false;
  throw new Error(`Could not record sign-in: ${error.message}`);
}

export async function findPersonByEmail(email: string) {
  const { data, error } = await serviceRoleClient("sign-in")
    .from("people")
    .select("id, email, full_name")
    .eq("email", email)
    .maybeSingle();
  if (error) throw new Error(`Could not look up the person: ${error.message}`);
  return data;
}
