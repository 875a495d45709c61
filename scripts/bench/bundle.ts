// Which modules make up the JavaScript a page loads: reads esbuild's metafile
// of the browser build (build/metafile.js.json, written by `npx remix build`)
// and the route manifest, and lists the bytes each package (or app folder)
// puts into the files the page loads, largest first, and the page's total
// gzipped one file at a time (what the bench reports against the 90 KB target).
//   npx tsx scripts/bench/bundle.ts [route id ...]   (default: routes/c.$slug)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };

const routeIds = process.argv.slice(2).length ? process.argv.slice(2) : ["routes/c.$slug"];
const meta = JSON.parse(fs.readFileSync(path.resolve("build/metafile.js.json"), "utf8")) as Metafile;
const buildDir = path.resolve("public/build");
const manifestFile = fs.readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("No manifest in public/build: run `npx remix build` first.");
const source = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

/** node_modules/@scope/name/… → @scope/name; app/ui/x/y.tsx → app/ui/x. */
function owner(input: string): string {
  const nm = input.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = input.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = input.replace(/^\.\//, "").split("/");
  return parts.slice(0, Math.min(3, parts.length - 1)).join("/") || input;
}

for (const routeId of routeIds) {
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`No route ${routeId} in the manifest.`);
  const files = new Set([`/build/${manifestFile}`, manifest.entry.module, ...(manifest.entry.imports ?? []), manifest.routes.root!.module, ...(manifest.routes.root!.imports ?? []), route.module, ...(route.imports ?? [])]);
  const byOwner = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const output = meta.outputs[`public${file}`];
    if (!output) continue;
    total += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
    }
  }
  // Gzipped one file at a time, as the browser receives them, the route manifest file included: lazy route
  // discovery is off (ADR 0016), so the document imports it.
  const gzipped = [...files].reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join("public", file))).length, 0);
  console.log(`\n${routeId}: ${files.size} files, ${(total / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped one by one`);
  for (const [name, bytes] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${name}`);
  }
}
