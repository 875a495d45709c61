import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendarFeed } from "~/domain/calendar/build-calendar-feed.server";
import { appOrigin } from "~/lib/env.server";

/** /calendar/<secret>.ics: fetched by calendar apps, without a session. */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.feed ?? "").replace(/\.ics$/, "");
  const ics = await buildCalendarFeed(token, appOrigin);
  if (!ics) throw new Response("This calendar link does not exist or was turned off.", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="onboarding.ics"',
      "Cache-Control": "private, no-cache",
    },
  });
}
