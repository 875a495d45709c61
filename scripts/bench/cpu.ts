// Where a request's CPU goes, by process: the app server, the local stack's
// gateway, PostgREST and PostgreSQL (its postmaster and every backend), and the
// load generator (this process, autocannon runs in it). Read from /proc, so on
// Linux only; elsewhere the bench says it was not measured.
//
// The stack's processes are found from the process tree: the nearest ancestor
// running supabase/local/with-stack.ts is the gateway, and PostgREST and
// PostgreSQL are its descendants. Another stack on the same machine (a test run
// in another folder) is not counted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const CPU_KINDS = ["app", "gateway", "postgrest", "postgres", "load generator"] as const;
export type CpuKind = (typeof CPU_KINDS)[number];
export type CpuSample = Record<CpuKind, number>;

const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  } catch {
    return 10;
  }
})();

type Proc = { pid: number; ppid: number; ticks: number; cmd: string };

function processes(): Map<number, Proc> | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const all = new Map<number, Proc>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after "(comm)": state ppid ... utime (14th field) stime (15th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ");
      all.set(Number(name), { pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), cmd });
    } catch {
      // The process ended while being read.
    }
  }
  return all;
}

/** CPU milliseconds used so far by each kind of process; null where /proc is not there. */
export function cpuNow(appPid: number): CpuSample | null {
  const all = processes();
  if (!all) return null;
  const sample: CpuSample = { app: 0, gateway: 0, postgrest: 0, postgres: 0, "load generator": 0 };
  sample.app = (all.get(appPid)?.ticks ?? 0) * TICK_MS;
  sample["load generator"] = (all.get(process.pid)?.ticks ?? 0) * TICK_MS;
  let stack: Proc | undefined;
  for (let p = all.get(process.ppid); p; p = all.get(p.ppid)) {
    if (p.cmd.includes("with-stack.ts")) {
      stack = p;
      break;
    }
  }
  if (!stack) return sample;
  sample.gateway = stack.ticks * TICK_MS;
  const children = new Map<number, Proc[]>();
  for (const p of all.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const under = (root: Proc): Proc[] => [root, ...(children.get(root.pid) ?? []).flatMap(under)];
  for (const p of under(stack).slice(1)) {
    if (/postgrest(\s|$)/.test(p.cmd)) sample.postgrest += p.ticks * TICK_MS;
    else if (/\/bin\/postgres(\s|$)/.test(p.cmd)) sample.postgres += under(p).reduce((sum, q) => sum + q.ticks * TICK_MS, 0);
  }
  return sample;
}

/** CPU milliseconds per request between two samples. */
export function cpuPerRequest(before: CpuSample | null, after: CpuSample | null, requests: number): CpuSample | null {
  if (!before || !after || requests <= 0) return null;
  // A process that ended in between (a pooled backend replaced) takes its time with it: never below 0.
  return Object.fromEntries(CPU_KINDS.map((k) => [k, Math.max(0, after[k] - before[k]) / requests])) as CpuSample;
}
