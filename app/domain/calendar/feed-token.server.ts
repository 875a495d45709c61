import { createHash, randomBytes } from "node:crypto";

/** A new feed token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newFeedToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
