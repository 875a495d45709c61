// The periodic pulse (issue 10): every running onboarding's contacts are asked every
// N days (clients.pulse_interval_days, default 14). A pg-boss cron job on the worker's
// instance calls public.ask_due_pulses() (service role only), which decides in SQL
// which clients are due and skips anyone asked in the last 7 days, so the job firing
// twice, or on two workers at once, asks nobody twice.
import type { PgBoss } from "pg-boss";
import { serviceRoleClient } from "../service-role.server";

export const PULSE_QUEUE = "pulse-schedule";
/** At minute 7 of every hour: due clients are found within the hour. */
export const PULSE_CRON = "7 * * * *";

/** Asks every due client's contacts now; returns how many contacts were asked. */
export async function askDuePulses(): Promise<number> {
  const { data, error } = await serviceRoleClient("pulse-schedule").rpc("ask_due_pulses");
  if (error) throw new Error(`ask_due_pulses failed: ${error.message}`);
  return data ?? 0;
}

/** Registers the queue, its schedule and its handler on a started pg-boss instance. */
export async function schedulePulses(boss: PgBoss, log: (line: string) => void): Promise<void> {
  await boss.createQueue(PULSE_QUEUE);
  await boss.schedule(PULSE_QUEUE, PULSE_CRON);
  await boss.work(PULSE_QUEUE, async () => {
    const asked = await askDuePulses();
    if (asked) log(`pulse schedule: asked ${asked} contact(s)`);
  });
}
