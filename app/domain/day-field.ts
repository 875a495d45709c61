// The one way a form takes a calendar day ("2027-03-01", what <input type="date">
// sends), shared by every area's schema: a real date (not 2027-02-30), with the
// same message everywhere. An empty optional field is no date.
import { z } from "zod";

export const DAY_MESSAGE = "Enter a real date, like 2027-03-01.";

/** A required calendar day. */
export const day = z.iso.date({ error: DAY_MESSAGE });

/** A calendar day that may be left empty. */
export const optionalDay = z
  .string({ error: DAY_MESSAGE })
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(day.optional());
