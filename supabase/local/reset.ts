// npm run db:reset: a fresh local database with demo data, like `supabase db reset`.
// Removes the dev instance's state (database, mailbox, generated secrets),
// then starts the stack once to apply every migration and the seed.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { stateRoot } from "./paths.ts";
import { configuredPorts, describeStack, startStack } from "./stack.ts";

const { apiPort } = configuredPorts();

const inUse = await new Promise<boolean>((resolve) => {
  const socket = net.connect(apiPort, "127.0.0.1");
  socket.once("connect", () => (socket.destroy(), resolve(true)));
  socket.once("error", () => resolve(false));
});
if (inUse) {
  console.error(`The local stack is running (port ${apiPort} is in use). Stop \`npm start\` / \`npm run dev\` first.`);
  process.exit(1);
}

const stateDir = path.join(stateRoot(), "dev");
fs.rmSync(stateDir, { recursive: true, force: true });
const stack = await startStack({ instance: "dev" });
console.log(describeStack(stack));
await stack.stop();
console.log("\nFresh local database with demo data. Start the portal with `npm start`.");
