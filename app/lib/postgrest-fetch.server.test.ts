import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgrestFetch } from "./postgrest-fetch.server";
import { buildClient } from "./supabase.server";
import { env } from "./env.server";

// What supabase-js needs from a fetch, checked against a plain HTTP server
// (the transport), then once through supabase-js against the real PostgREST.
let server: Server;
let base: string;
const seen: { method?: string; headers?: Record<string, unknown>; body?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/empty") return res.writeHead(204).end();
      if (url.pathname === "/slow") return setTimeout(() => res.end("late"), 5_000);
      if (url.pathname === "/cookies") {
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        return res.end("ok");
      }
      res.writeHead(url.pathname === "/missing" ? 404 : 200, { "Content-Type": "application/json", "Content-Range": "0-1/2" });
      res.end(JSON.stringify({ path: url.pathname, query: url.search, body }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("postgrestFetch", () => {
  it("sends the method, headers and body, and answers like fetch", async () => {
    const res = await postgrestFetch(`${base}/rpc/x?a=1`, {
      method: "POST",
      headers: new Headers({ Authorization: "Bearer t", "Content-Type": "application/json" }),
      body: JSON.stringify({ p: "é" }),
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.statusText).toBe("OK");
    expect(res.headers.get("content-range")).toBe("0-1/2");
    expect(await res.json()).toEqual({ path: "/rpc/x", query: "?a=1", body: '{"p":"é"}' });
    expect(seen.at(-1)).toMatchObject({ method: "POST", headers: { authorization: "Bearer t" } });
  });

  it("gives errors, empty answers, HEAD and repeated headers their fetch shape", async () => {
    const missing = await postgrestFetch(new URL(`${base}/missing`));
    expect([missing.status, missing.ok, missing.statusText]).toEqual([404, false, "Not Found"]);
    const empty = await postgrestFetch(`${base}/empty`, { method: "PATCH", body: "{}" });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    const head = await postgrestFetch(`${base}/x`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
    const cookies = await postgrestFetch(`${base}/cookies`, { headers: [["x-a", "1"]] });
    expect(cookies.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(seen.at(-1)?.headers).toMatchObject({ "x-a": "1" });
  });

  it("fails like fetch when nothing listens, and rejects with the signal's reason when aborted", async () => {
    const refused = postgrestFetch("http://127.0.0.1:1/rest/v1/x");
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.toMatchObject({ message: "fetch failed", cause: { code: "ECONNREFUSED" } });
    const aborted = postgrestFetch(`${base}/slow`, { signal: AbortSignal.timeout(50) });
    await expect(aborted).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("hands what it does not handle (a Request) to the global fetch", async () => {
    const res = await postgrestFetch(new Request(`${base}/via-request`, { method: "POST", body: "b" }));
    expect(await res.json()).toMatchObject({ path: "/via-request", body: "b" });
  });

  it("carries supabase-js calls to PostgREST, counts and errors included", async () => {
    const service = buildClient({ apiKey: env.SUPABASE_SERVICE_ROLE_KEY });
    const counted = await service.from("clients").select("id", { count: "exact", head: true });
    expect(counted.error).toBeNull();
    expect(counted.count).toBeGreaterThan(0);
    const anon = buildClient({ apiKey: env.SUPABASE_ANON_KEY });
    const refused = await anon.rpc("client_page", { p_slug: "northwind" });
    expect(refused.error?.code).toBe("42501");
  });
});
