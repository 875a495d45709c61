// The email outbox (migration 20261201000500), attacked through PostgREST with
// real JWTs: contacts read nothing, staff read only their own clients' delivery
// state (never the bodies), and nobody but the worker (service role) adds,
// changes or removes a row or claims one. Rows arrive only through
// app_private.enqueue_email, which PostgREST does not expose.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, disposeWorld, readRow, rest, seedWorld, type StandardActor, type World } from "../support/attack";
import { sql, stackEnv, tokenFor, uniq } from "../support/stack";

let w: World;
const ids = { a: "", b: "", none: "" };
const label = (id: string) => (id === ids.a ? "A" : id === ids.b ? "B" : id === ids.none ? "none" : `other:${id}`);

/** Enqueues as the database would inside a feature's RPC, due tomorrow (so no worker takes it meanwhile). */
async function enqueue(clientId: string | null): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `select app_private.enqueue_email('requirement-review', $1, '{"secret":"token-in-props"}'::jsonb, $2, $3, now() + interval '1 day') as id`,
    [`${uniq("outbox-sec")}@test.example`, uniq("sec-outbox-key"), clientId],
  );
  return row.id;
}

const untyped = (actor: StandardActor) => w.db[actor] as unknown as SupabaseClient;

beforeAll(async () => {
  w = await seedWorld();
  [ids.a, ids.b, ids.none] = await Promise.all([enqueue(w.a.client.id), enqueue(w.b.client.id), enqueue(null)]);
});

afterAll(async () => {
  await sql("delete from public.email_outbox where id = any($1::uuid[])", [Object.values(ids).filter(Boolean)]);
  if (w) await disposeWorld(w);
});

describe("who reads the outbox", () => {
  const sees: Record<StandardActor, string[] | "denied"> = {
    anon: "denied",
    viewerA: [],
    approverA: [],
    deciderA: [],
    contactB: [],
    unassignedStaff: [],
    pmA: ["A"],
    serviceTeamA: ["A"],
    admin: ["A", "B"],
  };
  for (const actor of ACTORS) {
    it(`${actor} reads ${sees[actor] === "denied" ? "nothing (no grant)" : JSON.stringify(sees[actor])}`, async () => {
      const { data, error } = await untyped(actor)
        .from("email_outbox")
        .select("id, status, last_error")
        .in("id", Object.values(ids));
      if (sees[actor] === "denied") {
        expect(error?.code).toBe("42501");
        return;
      }
      expect(error).toBeNull();
      expect((data as { id: string }[]).map((r) => label(r.id)).sort()).toEqual(sees[actor]);
    });
  }

  for (const column of ["props", "html", "text_body", "subject", "idempotency_key", "claim_token"]) {
    it(`staff of the client cannot read the ${column} column (only delivery state)`, async () => {
      const { data, error } = await untyped("pmA").from("email_outbox").select(`id, ${column}`).eq("id", ids.a);
      expect(error?.code, JSON.stringify(data)).toBe("42501");
    });
  }
});

describe("nobody writes the outbox through PostgREST", () => {
  for (const actor of ACTORS) {
    it(`${actor} cannot insert a row`, async () => {
      const recipient = `${uniq("outbox-forged")}@test.example`;
      const { error } = await untyped(actor).from("email_outbox").insert({
        template: "invitation",
        recipient,
        props: {},
        idempotency_key: uniq("forged"),
        client_id: w.a.client.id,
      });
      expect(error?.code).toBe("42501");
      expect(await sql("select 1 from public.email_outbox where recipient = $1", [recipient])).toEqual([]);
    });

    it(`${actor} cannot update a row (mark it sent, or change where it goes)`, async () => {
      const before = await readRow("email_outbox", { id: ids.a });
      const { error } = await untyped(actor)
        .from("email_outbox")
        .update({ status: "sent", sent_at: new Date().toISOString(), recipient: "attacker@evil.example" })
        .eq("id", ids.a)
        .select("id");
      expect(error?.code).toBe("42501");
      expect(await readRow("email_outbox", { id: ids.a })).toEqual(before);
    });

    it(`${actor} cannot delete a row`, async () => {
      const { error } = await untyped(actor).from("email_outbox").delete().eq("id", ids.a).select("id");
      expect(error?.code).toBe("42501");
      expect(await readRow("email_outbox", { id: ids.a })).not.toBeNull();
    });

    it(`${actor} cannot claim due emails through /rpc/outbox_claim`, async () => {
      const { error } = await untyped(actor).rpc("outbox_claim", { p_claim: crypto.randomUUID(), p_limit: 100, p_lease_seconds: 1 });
      expect(error?.code).toBe("42501");
    });

    it(`${actor} cannot store rendered bytes through /rpc/outbox_store_rendered`, async () => {
      const before = await readRow("email_outbox", { id: ids.a });
      const { error } = await untyped(actor).rpc("outbox_store_rendered", {
        p_rendered: [{ id: ids.a, subject: "Forged", html: "<a href='https://evil.example'>x</a>", text: "x" }],
      });
      expect(error?.code).toBe("42501");
      expect(await readRow("email_outbox", { id: ids.a })).toEqual(before);
    });

    it(`${actor} cannot mark emails sent through /rpc/outbox_record_sent`, async () => {
      const before = await readRow("email_outbox", { id: ids.a });
      const { error } = await untyped(actor).rpc("outbox_record_sent", { p_ids: [ids.a], p_provider_ids: ["forged"] });
      expect(error?.code).toBe("42501");
      expect(await readRow("email_outbox", { id: ids.a })).toEqual(before);
    });
  }

  it("enqueue_email is not reachable through PostgREST, in public or by asking for app_private", async () => {
    const person = w.person.pmA;
    const token = await tokenFor(person.id);
    const body = JSON.stringify({
      p_template: "invitation",
      p_recipient: "attacker@evil.example",
      p_props: {},
      p_idempotency_key: uniq("forged"),
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${stackEnv.url}/rest/v1/rpc/enqueue_email`, {
        method: "POST",
        headers: { apikey: stackEnv.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        body,
      });
    const inPublic = await post({});
    expect(inPublic.status).toBe(404);
    const inPrivate = await post({ "content-profile": "app_private" });
    expect(inPrivate.status).toBe(406);
    expect(((await inPrivate.json()) as { code: string }).code).toBe("PGRST106");
    expect(await sql("select 1 from public.email_outbox where recipient = 'attacker@evil.example'")).toEqual([]);
  });

  it("anon cannot read the outbox with a raw request either", async () => {
    const { status } = await rest(`/email_outbox?select=id&id=eq.${ids.a}`, { apikey: stackEnv.anonKey });
    expect(status).toBe(401);
  });
});

describe("enqueue_email, as a feature's RPC calls it", () => {
  it("adds one row per idempotency key, even when the same email is enqueued 50 times at once", async () => {
    const key = uniq("sec-outbox-once");
    const recipient = `${uniq("outbox-once")}@test.example`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        sql<{ id: string }>(
          `select app_private.enqueue_email('invitation', $1, '{}'::jsonb, $2, $3, now() + interval '1 day') as id`,
          [recipient, key, w.a.client.id],
        ),
      ),
    );
    const returned = new Set(results.map(([r]) => r.id));
    const rows = await sql<{ id: string }>("select id from public.email_outbox where idempotency_key = $1", [key]);
    expect(rows).toHaveLength(1);
    expect([...returned]).toEqual([rows[0].id]);
    await sql("delete from public.email_outbox where idempotency_key = $1", [key]);
  });

  it("refuses a malformed recipient or template name (the change that caused it fails with it)", async () => {
    await expect(
      sql(`select app_private.enqueue_email('invitation', 'not-an-address', '{}'::jsonb, $1)`, [uniq("bad")]),
    ).rejects.toThrow(/email_outbox_recipient_check/);
    await expect(
      sql(`select app_private.enqueue_email('../etc/passwd', 'a@b.example', '{}'::jsonb, $1)`, [uniq("bad")]),
    ).rejects.toThrow(/email_outbox_template_check/);
  });
});
