// The lint rule that keeps routes thin (house rule 2) must actually fire:
// a route that reaches for .from() or .rpc() fails `npm run lint`.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function ruleMessages(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
}

describe("routes cannot query the database", () => {
  const route = "app/routes/c.$slug.tsx";

  it("flags .from() and .rpc() in a route module, however the client was obtained", async () => {
    const code = [
      "export async function loader({ context }: { context: { db: any } }) {",
      '  await context.db.from("clients").select("*");',
      '  await context.db.rpc("create_client", {});',
      '  await context.db["from"]("clients");',
      "  return null;",
      "}",
    ].join("\n");
    expect(await ruleMessages(code, route)).toEqual([2, 3, 4]);
  });

  it("leaves Array.from alone, and domain modules may query", async () => {
    expect(await ruleMessages("export const xs = Array.from([1, 2]);\n", route)).toEqual([]);
    expect(await ruleMessages('export const q = (db: any) => db.from("clients");\n', "app/domain/portal/x.server.ts")).toEqual([]);
  });
});
