// Readiness for load balancers: is the database reachable through PostgREST?
// One named, cheap check: /rest/v1/rpc/ready (public.ready() reads nothing and
// answers true; only the service role may call it), with a deadline so a hung
// upstream counts as down.
import { serviceRoleClient } from "~/lib/service-role.server";

export const READY_TIMEOUT_MS = 2_000;

export async function isDatabaseReady(): Promise<boolean> {
  try {
    const { data, error } = await serviceRoleClient("readiness")
      .rpc("ready")
      .abortSignal(AbortSignal.timeout(READY_TIMEOUT_MS));
    return !error && data === true;
  } catch {
    return false;
  }
}
