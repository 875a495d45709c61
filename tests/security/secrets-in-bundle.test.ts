// The service-role key and the other server secrets never reach the browser:
// not as values, and not as server-only code compiled into the client bundle.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const clientBuild = path.join(root, "public", "build");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("the browser bundle", () => {
  it("exists (npm test builds it first)", () => {
    expect(fs.existsSync(clientBuild), "run `npx remix build` before this test").toBe(true);
    expect(filesUnder(clientBuild).some((f) => f.endsWith(".js"))).toBe(true);
  });

  it("holds no server secret and no server-only module", () => {
    const forbidden = [
      process.env.SUPABASE_SERVICE_ROLE_KEY,
      process.env.SUPABASE_JWT_SECRET,
      process.env.SESSION_SECRET,
      process.env.TOTP_SECRET,
      "SUPABASE_SERVICE_ROLE_KEY",
      "SUPABASE_JWT_SECRET",
      "serviceRoleClient",
      "service_role",
    ].filter((s): s is string => Boolean(s));
    const leaks = filesUnder(clientBuild).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      return forbidden.filter((secret) => text.includes(secret)).map((secret) => `${path.relative(root, file)}: ${secret.slice(0, 24)}…`);
    });
    expect(leaks).toEqual([]);
  });

  it("is built from route modules that never import the service-role client", () => {
    const routes = filesUnder(path.join(root, "app", "routes"));
    const offenders = routes.filter((file) => /service-role\.server|SUPABASE_SERVICE_ROLE_KEY/.test(fs.readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
