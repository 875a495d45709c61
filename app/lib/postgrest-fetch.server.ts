// The fetch supabase-js uses on the server, over undici's request API instead
// of the global fetch (issue 13). Node's fetch (also undici) wraps every call
// in WHATWG Request, stream and AbortSignal machinery: ~3.1 ms of CPU per
// PostgREST call for the client page's JSON against ~1.6 ms this way (600
// calls, 10 at a time, on the 2-core bench machine); a page makes two.
//
// It handles what PostgREST calls are: a string or URL, a string body or none,
// and an optional AbortSignal. Anything else (a Request, a stream or form body)
// goes to the global fetch unchanged. Failures keep fetch's shape: a network
// error is a TypeError whose cause is the socket error (so supabase-js reports
// it as a failed fetch), an abort rejects with the signal's reason.
import { STATUS_CODES } from "node:http";
import { Agent, request } from "undici";

// Keep-alive connections to PostgREST, shared by every client in the process.
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

// Statuses whose response has no body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [name, value] of headers) out[name] = value;
    return out;
  }
  return { ...headers };
}

export async function postgrestFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const body = init.body;
  if (input instanceof Request || (body != null && typeof body !== "string")) return fetch(input, init);
  const method = (init.method ?? "GET").toUpperCase();
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request(input, {
      method: method as "GET",
      headers: plainHeaders(init.headers),
      body: method === "GET" || method === "HEAD" ? undefined : body,
      signal: init.signal ?? undefined,
      dispatcher,
    });
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason ?? error;
    throw new TypeError("fetch failed", { cause: error });
  }
  const status = answer.statusCode;
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  let payload: ArrayBuffer | null;
  try {
    payload = await answer.body.arrayBuffer();
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason ?? error;
    throw new TypeError("fetch failed", { cause: error });
  }
  return new Response(NULL_BODY.has(status) || method === "HEAD" ? null : payload, {
    status,
    statusText: STATUS_CODES[status] ?? "",
    headers,
  });
}
