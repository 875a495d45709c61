// A local stand-in for Resend's API, for tests: an HTTP server on loopback that
// answers POST /emails and POST /emails/batch the way Resend does, and honours
// Idempotency-Key like Resend (the same key with the same body returns the first
// answer and delivers nothing; the same key with another body is a 409).
//
// It is scriptable: each request takes the next step of the script (then "ok"):
//   "ok"                         deliver, answer 200
//   { status, name?, headers? }  deliver nothing, answer this error (429 with retry-after, 500, 422...)
//   "hang"                       deliver, remember the answer for the key, but never answer
//                                (the request hangs until the client gives up: a lost response)
// and it records every request (path, key, recipients) and every delivery.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Step = "ok" | "hang" | { status: number; name?: string; message?: string; headers?: Record<string, string> };

export type FakeRequest = { path: string; idempotencyKey: string | null; to: string[]; answered: number | "hang" | "replay" };
export type Delivery = {
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string | null;
  headers: Record<string, string>;
};

type Payload = { from: string; to: string | string[]; subject: string; html?: string; text?: string; headers?: Record<string, string> };
type Stored = { hash: string; status: number; body: unknown };

export type FakeResend = {
  /** The base URL to give the SDK (new Resend(key, { baseUrl })). */
  url: string;
  requests: FakeRequest[];
  deliveries: Delivery[];
  /** Appends steps to the script. */
  script: (...steps: Step[]) => void;
  /** How many times this address received mail. */
  deliveredTo: (to: string) => number;
  reset: () => void;
  close: () => Promise<void>;
};

export async function startFakeResend(): Promise<FakeResend> {
  const steps: Step[] = [];
  const requests: FakeRequest[] = [];
  const deliveries: Delivery[] = [];
  const keys = new Map<string, Stored>();
  const hanging = new Set<http.ServerResponse>();

  const reply = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const deliver = (payloads: Payload[], key: string | null) =>
    payloads.map((p) => {
      const id = randomUUID();
      for (const to of [p.to].flat())
        deliveries.push({ id, to, from: p.from, subject: p.subject, html: p.html ?? "", text: p.text ?? "", idempotencyKey: key, headers: p.headers ?? {} });
      return { id };
    });

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) {
      return reply(res, 404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return reply(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid JSON." });
    }
    const batch = path === "/emails/batch";
    const payloads = (batch ? parsed : [parsed]) as Payload[];
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const record: FakeRequest = { path, idempotencyKey: key, to: payloads.flatMap((p) => [p.to].flat()), answered: 200 };
    requests.push(record);

    const hash = createHash("sha256").update(`${path}\n${raw}`).digest("hex");
    const seen = key ? keys.get(key) : undefined;
    if (key && seen) {
      if (seen.hash !== hash) {
        record.answered = 409;
        return reply(res, 409, {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message: "Same idempotency key used with a different request payload.",
        });
      }
      record.answered = "replay";
      return reply(res, seen.status, seen.body);
    }

    const step = steps.shift() ?? "ok";
    if (typeof step === "object") {
      record.answered = step.status;
      return reply(
        res,
        step.status,
        { statusCode: step.status, name: step.name ?? "application_error", message: step.message ?? `scripted ${step.status}` },
        step.headers,
      );
    }
    const ids = deliver(payloads, key);
    const body = batch ? { data: ids } : ids[0];
    if (key) keys.set(key, { hash, status: 200, body });
    if (step === "hang") {
      record.answered = "hang";
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    reply(res, 200, body);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    deliveries,
    script: (...more) => void steps.push(...more),
    deliveredTo: (to) => deliveries.filter((d) => d.to === to).length,
    reset: () => {
      steps.length = 0;
      requests.length = 0;
      deliveries.length = 0;
      keys.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
