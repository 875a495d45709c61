// Seeds for the staff workspace's tests: a plan with late and future
// milestones, pulses with answers, overdue tasks, a concern, a waiting sign-off,
// each dated relative to today so health comes out the same any day.
import type { SupabaseClient } from "@supabase/supabase-js";
import { asPerson, serviceDb, sql } from "./stack";
import type { SeededPerson, Tenant } from "./tenants";

export const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function must<T>(p: PromiseLike<{ data: T; error: { message: string } | null }>): Promise<T> {
  const { data, error } = await p;
  if (error) throw new Error(`seed failed: ${error.message}`);
  return data;
}

/** A phase with `late` milestones due in the past (not done), one done, and the next one in `nextInDays`. */
export async function seedPlan(
  t: Tenant,
  { phase, late, nextTitle = "Next step", nextInDays = 10 }: { phase: string; late: number; nextTitle?: string; nextInDays?: number },
) {
  const [ph] = await sql<{ id: string }>(
    "insert into public.phases (client_id, name, planned_start, planned_end) values ($1, $2, $3, $4) returning id",
    [t.client.id, phase, dayOffset(-60), dayOffset(60)],
  );
  const rows: [string, string, string | null][] = [
    ["Done already", dayOffset(-50), dayOffset(-50)],
    ...Array.from({ length: late }, (_, i) => [`Late ${i + 1}`, dayOffset(-5 - i), null] as [string, string, null]),
    [nextTitle, dayOffset(nextInDays), null],
  ];
  for (const [title, planned, actual] of rows) {
    await sql("insert into public.milestones (client_id, phase_id, title, planned_date, actual_date) values ($1, $2, $3, $4, $5)", [
      t.client.id,
      ph!.id,
      title,
      planned,
      actual,
    ]);
  }
  return ph!.id;
}

/** A pulse asked `daysAgo` days ago, answered by these contacts (through the RPC, as each contact). */
export async function seedPulse(t: Tenant, daysAgo: number, answers: [SeededPerson, number][]) {
  const [p] = await sql<{ id: string }>(
    "insert into public.pulses (client_id, created_at) values ($1, now() - make_interval(days => $2)) returning id",
    [t.client.id, daysAgo],
  );
  for (const [person, score] of answers) {
    const db = (await asPerson(person.id)) as unknown as SupabaseClient;
    await must(db.rpc("answer_pulse", { p_pulse: p!.id, p_score: score }));
  }
  return p!.id;
}

/** `count` open client tasks owned by a contact, due `daysAgo` days ago. */
export async function seedOverdueTasks(t: Tenant, count: number, daysAgo = 3) {
  for (let i = 0; i < count; i++) {
    await must(
      serviceDb()
        .from("client_tasks")
        .insert({ client_id: t.client.id, title: `Send file ${i + 1}`, due_date: dayOffset(-daysAgo), owner_id: t.contacts.viewer.id }),
    );
  }
}

/** A concern raised by a contact (it opens a dissatisfier), the dissatisfier backdated `daysAgo` days. */
export async function seedOldDissatisfier(t: Tenant, body: string, daysAgo: number) {
  const db = (await asPerson(t.contacts.viewer.id)) as unknown as SupabaseClient;
  const concern = (await must(db.rpc("raise_concern", { p_client: t.client.id, p_body: body }))) as { id: string };
  await sql("update public.dissatisfiers set created_at = now() - make_interval(days => $2) where concern_id = $1", [
    concern.id,
    daysAgo,
  ]);
}

/** A requirement document published by the PM for the approver, its version backdated `daysAgo` days. */
export async function seedWaitingSignoff(t: Tenant, title: string, daysAgo: number) {
  const pm = (await asPerson(t.pm.id)) as unknown as SupabaseClient;
  const docId = (await must(
    pm.rpc("create_requirement_document", {
      p_client: t.client.id,
      p_title: title,
      p_area: null,
      p_due_date: null,
      p_approvers: [t.contacts.approver.id],
    }),
  )) as string;
  await must(
    pm.rpc("publish_requirement_version", {
      p_document: docId,
      p_title: title,
      p_area: null,
      p_due_date: null,
      p_approvers: [t.contacts.approver.id],
      p_body: `# ${title}\n\nThe text to approve.`,
      p_change_note: null,
    }),
  );
  // Versions are frozen by a trigger: backdate with triggers off (session only),
  // then recompute the client's portfolio facts, which those triggers keep.
  const id = docId.replace(/[^0-9a-f-]/g, "");
  await sql(
    `set session_replication_role = replica;
     update public.requirement_versions set published_at = now() - interval '${Math.trunc(daysAgo)} days' where document_id = '${id}';
     reset session_replication_role;
     select app_private.refresh_portfolio_facts(array(select client_id from public.requirement_documents where id = '${id}'));`,
  );
  return docId;
}
