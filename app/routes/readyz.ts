// GET /readyz: 200 when the database answers through PostgREST, 503 when not.
// (Liveness, touching nothing, is /healthz in server.js.)
import { isDatabaseReady } from "~/domain/health/check-ready.server";

export async function loader() {
  const ready = await isDatabaseReady();
  return new Response(ready ? "ready\n" : "The database is not reachable.\n", {
    status: ready ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
