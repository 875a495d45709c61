// Signing in through the real flow for the bench: POST /login, the code from
// the email (the production server sends it to a Resend stand-in, see run.ts),
// POST /verify. Returns the session cookie.
import type { FakeResend } from "../../tests/support/fake-resend";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function signIn(
  base: string,
  email: string,
  resend: FakeResend,
  { next = "/", headers = {} as Record<string, string> } = {},
): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const post = async (pathname: string, form: Record<string, string>) =>
    keep(
      await fetch(base + pathname, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: base, cookie: cookie() },
        body: new URLSearchParams(form),
      }),
    );

  const before = resend.deliveredTo(email);
  const asked = await post("/login", { email, redirectTo: next });
  if (asked.status !== 302 || asked.headers.get("location") !== "/verify") {
    throw new Error(`Asking for a code for ${email} did not lead to /verify (${asked.status} ${asked.headers.get("location")}).`);
  }
  let code: string | null = null;
  for (let i = 0; i < 300 && !code; i++) {
    const mail = resend.deliveredTo(email) > before ? resend.deliveries.filter((d) => d.to === email).at(-1) : undefined;
    code = mail ? (/\b(\d{6})\b/.exec(mail.text)?.[1] ?? null) : null;
    if (!code) await pause(100);
  }
  if (!code) throw new Error(`No sign-in code arrived for ${email}.`);
  const verified = await post("/verify", { code });
  const target = verified.headers.get("location");
  if (verified.status !== 302 || !target) throw new Error(`The code for ${email} was not accepted (${verified.status}).`);
  keep(await fetch(new URL(target, base), { redirect: "manual", headers: { ...headers, cookie: cookie() } }));
  return cookie();
}
