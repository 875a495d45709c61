// Load as people make it (issue 13, Robustness): SESSIONS signed-in contacts
// (default 100, each with its own session, signed in through the real flow)
// browse and submit at once for BENCH_SESSION_SECONDS (default 60): each in a
// loop opens the client page, opens a requirement document, creates a calendar
// link and turns it off again (two real form posts, as the page's forms send
// them). Counted: requests, errors (any 5xx, 4xx or network failure), and the
// server's resident memory (VmRSS of its process, sampled every 500 ms).
import fs from "node:fs";
import pg from "pg";
import type { FakeResend } from "../../tests/support/fake-resend";
import { signIn } from "./sign-in";

export type SessionsResult = {
  sessions: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  rps: number;
  p50: number;
  p99: number;
  rssStartMb: number;
  rssMaxMb: number;
  signInSeconds: number;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** SESSIONS contacts of the client (the bench's throwaway database only), each with its own address for the sign-in limits. */
async function benchContacts(slug: string, count: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `insert into public.people (email, full_name)
       select 'bench-' || n || '@bench.example', 'Bench Contact ' || n from generate_series(1, $1::int) n
       on conflict (email) do nothing`,
      [count],
    );
    const rows = await db.query<{ email: string }>(
      `with made as (select id, email from public.people where email like 'bench-%@bench.example'),
            added as (
              insert into public.client_contacts (client_id, person_id, role)
              select c.id, made.id, 'viewer' from public.clients c, made where c.slug = $1
              on conflict do nothing)
       select email from made order by email limit $2`,
      [slug, count],
    );
    return rows.rows.map((r) => r.email);
  } finally {
    await db.end();
  }
}

export async function sessionsLoad(opts: { resend: FakeResend; base: string; pid: number; slug: string; documentId: string; sessions?: number; seconds?: number }): Promise<SessionsResult> {
  const sessions = opts.sessions ?? 100;
  const seconds = opts.seconds ?? 60;
  const emails = await benchContacts(opts.slug, sessions);
  if (emails.length < sessions) throw new Error(`Only ${emails.length} bench contacts could be made.`);

  // Sign everyone in, ten at a time, each from its own (forwarded) address: the
  // server runs with TRUST_PROXY=loopback, so the per-address limit applies per session.
  const signInStarted = Date.now();
  const cookies: string[] = [];
  for (let i = 0; i < sessions; i += 10) {
    const batch = emails.slice(i, i + 10);
    cookies.push(
      ...(await Promise.all(
        batch.map((email, j) => signIn(opts.base, email, opts.resend, { next: `/c/${opts.slug}`, headers: { "x-forwarded-for": `10.77.${Math.floor((i + j) / 250)}.${(i + j) % 250}` } })),
      )),
    );
  }
  const signInSeconds = (Date.now() - signInStarted) / 1000;

  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const note = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  const timed = async (label: string, url: string, init: RequestInit) => {
    const t = performance.now();
    try {
      const res = await fetch(url, { ...init, redirect: "manual" });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      requests++;
      if (res.status >= 400) note(`${label}: ${res.status}`);
    } catch (error) {
      requests++;
      note(`${label}: ${(error as Error).message}`);
    }
  };

  const rssStartMb = rssMb(opts.pid);
  let rssMaxMb = rssStartMb;
  const sampler = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, rssMb(opts.pid))), 500);
  const until = Date.now() + seconds * 1000;
  const page = `${opts.base}/c/${opts.slug}`;
  const doc = `${page}/requirements/${opts.documentId}`;
  const enc = { "accept-encoding": "gzip, deflate, br" };
  const post = (cookie: string, intent: string): RequestInit => ({
    method: "POST",
    headers: { cookie, origin: opts.base, "content-type": "application/x-www-form-urlencoded", ...enc },
    body: new URLSearchParams({ intent }).toString(),
  });
  const started = Date.now();
  await Promise.all(
    cookies.map(async (cookie, i) => {
      await pause((i * 37) % 1000); // not all in the same millisecond
      while (Date.now() < until) {
        await timed("GET client page", page, { headers: { cookie, ...enc } });
        await timed("GET requirement page", doc, { headers: { cookie, ...enc } });
        await timed("POST create-calendar-feed", page, post(cookie, "create-calendar-feed"));
        await timed("POST revoke-calendar-feeds", page, post(cookie, "revoke-calendar-feeds"));
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(sampler);
  rssMaxMb = Math.max(rssMaxMb, rssMb(opts.pid));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { sessions, seconds, requests, errors, errorSamples, rps: requests / elapsed, p50: at(0.5), p99: at(0.99), rssStartMb, rssMaxMb, signInSeconds };
}
