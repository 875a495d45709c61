// Who may mark a client task done or open again (issue 14, defect 10; migration
// 20261201001100_who_completes_a_task), attacked through PostgREST with real JWTs:
//   the provider's team on the client (and admins): any task;
//   the client's approvers and decision makers: any of the client's tasks;
//   a viewer: only tasks they own, or that nobody owns.
// A refusal is 42501 from the task trigger and leaves the task as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, deleteRows, disposeWorld, freshTask, readRow, seedWorld, type StandardActor, type World } from "../support/attack";

let w: World;
beforeAll(async () => {
  w = await seedWorld();
}, 60_000);
afterAll(async () => {
  if (w) await disposeWorld(w);
}, 60_000);

type Expect = "ok" | "denied" | "none";
const OWNERS = ["approverA", "deciderA", "viewerA", "nobody"] as const;
type Owner = (typeof OWNERS)[number];

/** What each actor's attempt must end in, for a task of client A owned by `owner`. */
function expected(actor: StandardActor, owner: Owner): Expect {
  if (actor === "anon") return "denied"; // no grant at all
  if (actor === "contactB" || actor === "unassignedStaff") return "none"; // RLS hides A's tasks
  if (actor === "viewerA") return owner === "viewerA" || owner === "nobody" ? "ok" : "denied";
  return "ok"; // approverA, deciderA, pmA, serviceTeamA, admin
}

const ownerId = (owner: Owner) => (owner === "nobody" ? null : w.person[owner].id);

describe.each(["done", "open"] as const)("marking a task of client A %s", (status) => {
  for (const owner of OWNERS) {
    it.each([...ACTORS])(`owned by ${owner}, as %s`, async (actor) => {
      const task = await freshTask(w.a.client.id, { ownerId: ownerId(owner), status: status === "done" ? "open" : "done" });
      const id = String(task.id);
      try {
        const { data, error } = await w.db[actor].from("client_tasks").update({ status }).eq("id", id).select("id");
        const after = await readRow("client_tasks", { id });
        const want = expected(actor, owner);
        if (want === "ok") {
          expect(error).toBeNull();
          expect(data).toHaveLength(1);
          expect(after?.status).toBe(status);
          expect(after?.completed_by).toBe(status === "done" ? w.person[actor as Exclude<StandardActor, "anon">].id : null);
        } else {
          if (want === "denied") expect(error?.code).toBe("42501");
          else expect({ error, rows: data?.length }).toEqual({ error: null, rows: 0 });
          expect(after?.status, "the task is as it was").toBe(task.status);
          expect(after?.completed_by ?? null).toBe(task.completed_by ?? null);
        }
      } finally {
        await deleteRows("client_tasks", "id", id);
      }
    });
  }
});

it("the viewer's refusal says who may, in words a person can read", async () => {
  const task = await freshTask(w.a.client.id, { ownerId: w.a.contacts.approver.id });
  try {
    const { error } = await w.db.viewerA.from("client_tasks").update({ status: "done" }).eq("id", String(task.id));
    expect(error?.message).toBe("Only the task's owner, an approver or a decision maker can mark this task.");
  } finally {
    await deleteRows("client_tasks", "id", String(task.id));
  }
});

it("a viewer still cannot hand themselves an approver's task to tick it", async () => {
  const task = await freshTask(w.a.client.id, { ownerId: w.a.contacts.approver.id });
  try {
    const { error } = await w.db.viewerA
      .from("client_tasks")
      .update({ owner_id: w.a.contacts.viewer.id, status: "done" })
      .eq("id", String(task.id));
    expect(error?.code).toBe("42501");
    expect(await readRow("client_tasks", { id: String(task.id) })).toMatchObject({ owner_id: w.a.contacts.approver.id, status: "open" });
  } finally {
    await deleteRows("client_tasks", "id", String(task.id));
  }
});
