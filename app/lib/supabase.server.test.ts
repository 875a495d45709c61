import { describe, expect, it } from "vitest";
import { createUserClient } from "./supabase.server";

describe("createUserClient", () => {
  const dana = { id: "c1000000-0000-4000-8000-000000000001", email: "dana@northwind.example" };
  const leo = { id: "c1000000-0000-4000-8000-000000000002", email: "leo@northwind.example" };

  it("reuses one person's client (and token) across requests, never another person's", async () => {
    const first = await createUserClient(dana);
    expect(await createUserClient(dana)).toBe(first);
    expect(await createUserClient(leo)).not.toBe(first);
    // The same id with another email is another token.
    expect(await createUserClient({ ...dana, email: "dana@elsewhere.example" })).not.toBe(first);
  });

  it("never reuses a client carrying extra claims or a request counter", async () => {
    const plain = await createUserClient(dana);
    const withEvidence = await createUserClient(dana, undefined, { portal_request: { ip: "192.0.2.1", ua: "test" } });
    expect(withEvidence).not.toBe(plain);
    expect(await createUserClient(dana, undefined, { portal_request: { ip: "192.0.2.1", ua: "test" } })).not.toBe(withEvidence);
    const counted = await createUserClient(dana, () => {});
    expect(counted).not.toBe(plain);
  });

  it("reads as the person it was made for", async () => {
    const db = await createUserClient(dana);
    const { data } = await db.from("people").select("id").eq("email", "dana@northwind.example").maybeSingle();
    expect(data?.id).toBe(dana.id);
    const page = await db.rpc("client_page", { p_slug: "bluebell" });
    expect(page.data).toBeNull();
  });
});
