// `npm run worker`: the background worker alone, in its own process (the
// scale-out path: app servers and workers on separate machines, one Postgres).
// Stops cleanly on SIGTERM / Ctrl-C; a worker killed outright loses nothing
// (its claimed emails are picked up again when their lease runs out).
import { digestJob } from "../../domain/digests/run-due-digests.server";
import { startWorker } from "./worker.server";

const worker = await startWorker({ scheduled: [digestJob] });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void worker.stop().then(() => process.exit(0));
  });
}
