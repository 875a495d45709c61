// The JavaScript the client page and a requirement page load (issue 13) keeps
// the heavy server-side libraries out: zod and conform (the forms validate on
// the server; the routes import their schemas through *.server.ts modules and
// the forms read the action's answer with ~/ui/server-form, not conform's
// runtime), color2k (the brand colours are computed in the loaders,
// ~/lib/brand.server) and the Markdown parser (Markdown is rendered on the
// server). Reads the browser build's esbuild metafile and the route manifest,
// so run `npx remix build` first (`npm test` does). Its size is measured by
// `npm run bench`, not here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown> }> };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, { module: string; imports?: string[] }> };

function build(): { meta: Metafile; manifest: Manifest } {
  const metaFile = path.resolve("build/metafile.js.json");
  const dir = path.resolve("public/build");
  if (!fs.existsSync(metaFile) || !fs.existsSync(dir)) throw new Error("No browser build: run `npx remix build` first.");
  const manifestFile = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("No route manifest in public/build: run `npx remix build` first.");
  const source = fs.readFileSync(path.join(dir, manifestFile), "utf8");
  return {
    meta: JSON.parse(fs.readFileSync(metaFile, "utf8")) as Metafile,
    manifest: JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest,
  };
}

/** Every source module in the files the browser loads for this route (entry, root, the route, their imports). */
function modulesOf(routeId: string): string[] {
  const { meta, manifest } = build();
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`No route ${routeId} in the manifest.`);
  const root = manifest.routes.root!;
  const files = [manifest.entry.module, ...(manifest.entry.imports ?? []), root.module, ...(root.imports ?? []), route.module, ...(route.imports ?? [])];
  return files.flatMap((f) => Object.keys(meta.outputs[`public${f}`]?.inputs ?? {}));
}

const HEAVY = [
  /node_modules\/zod\//,
  /node_modules\/@conform-to\//,
  /node_modules\/color2k\//,
  /node_modules\/react-markdown\//,
  /node_modules\/micromark/,
  /\/schema(\.ts|\/)/,
];

describe("what the client's pages load", () => {
  for (const routeId of ["routes/c.$slug", "routes/c.$slug_.requirements.$documentId"]) {
    it(`${routeId} loads no zod, no conform, no color2k, no schema module and no Markdown parser`, () => {
      const modules = modulesOf(routeId);
      expect(modules.length).toBeGreaterThan(10);
      expect(modules.some((m) => m.includes("node_modules/react-dom/"))).toBe(true);
      expect(modules.filter((m) => HEAVY.some((re) => re.test(m)))).toEqual([]);
    });
  }
});
