import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import SignInCodeEmail from "../../emails/sign-in-code";
import { createMailer, EmailError } from "./email.server";

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
let replies: Reply[] = [];
let received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
    const reply = replies.shift() ?? { status: 200, body: { id: "email-ok" } };
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  replies = [];
  received = [];
});

const email = () => ({
  to: "dana@northwind.example",
  subject: "Your sign-in code",
  react: SignInCodeEmail({ code: "123456", magicLink: "http://localhost/magic-link?code=123456", personName: "Dana", validMinutes: 10 }),
});

function mailer(delays: number[], maxAttempts = 3) {
  return createMailer({
    apiKey: "re_test",
    baseUrl,
    from: "Portal <portal@example.com>",
    maxAttempts,
    sleep: async (ms) => void delays.push(ms),
  });
}

const rateLimited: Reply = {
  status: 429,
  body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
  headers: { "retry-after": "2" },
};

describe("sending email through the Resend SDK", () => {
  it("renders HTML and plain text and sends them once", async () => {
    const delays: number[] = [];
    await expect(mailer(delays)(email())).resolves.toEqual({ id: "email-ok" });
    expect(received).toHaveLength(1);
    const { body } = received[0]!;
    expect(body.to).toBe("dana@northwind.example");
    expect(String(body.html)).toContain("123456");
    expect(String(body.text)).toContain("http://localhost/magic-link?code=123456");
    expect(String(body.text)).not.toContain("<");
  });

  it("waits as long as Retry-After says when the provider returns 429, then succeeds with the same idempotency key", async () => {
    replies = [rateLimited, rateLimited];
    const delays: number[] = [];
    await expect(mailer(delays)(email())).resolves.toEqual({ id: "email-ok" });
    expect(received).toHaveLength(3);
    expect(delays).toEqual([2000, 2000]);
    const keys = new Set(received.map((r) => r.headers["idempotency-key"]));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
  });

  it("gives up after the last attempt and reports the 429", async () => {
    replies = [rateLimited, rateLimited, rateLimited];
    const error = await mailer([])(email()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailError);
    expect((error as EmailError).statusCode).toBe(429);
    expect(received).toHaveLength(3);
  });

  it("does not retry a request the provider rejects as invalid", async () => {
    replies = [{ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" } }];
    const error = await mailer([])(email()).catch((e: unknown) => e);
    expect((error as EmailError).statusCode).toBe(422);
    expect((error as Error).message).toContain("Invalid `to` field");
    expect(received).toHaveLength(1);
  });

  it("retries when the provider cannot be reached", async () => {
    const delays: number[] = [];
    const unreachable = createMailer({
      apiKey: "re_test",
      baseUrl: "http://127.0.0.1:9",
      from: "Portal <portal@example.com>",
      maxAttempts: 2,
      sleep: async (ms) => void delays.push(ms),
    });
    const error = await unreachable(email()).catch((e: unknown) => e);
    expect((error as EmailError).statusCode).toBeNull();
    expect(delays).toHaveLength(1);
  });
});
