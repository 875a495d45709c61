import type { PostgrestError } from "@supabase/supabase-js";
import { dbFailure } from "~/lib/db-errors.server";
import type { Failure } from "~/lib/result";

/** A database refusal of a requirement document change, as a Result failure (the SQL names the field). */
export const documentFailure = (error: PostgrestError): Failure =>
  dbFailure(error, {
    what: "document",
    forbidden: "Only the client's project manager can change requirement documents.",
  });
