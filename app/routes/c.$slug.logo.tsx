import type { LoaderFunctionArgs } from "@remix-run/node";
import { getClientLogo } from "~/domain/clients/client-logo.server";
import { requireViewer } from "~/lib/viewer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireViewer(request);
  const logo = await getClientLogo(db, params.slug ?? "");
  if (!logo) throw new Response("No logo", { status: 404 });
  return new Response(logo.bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": logo.contentType,
      "Cache-Control": "private, max-age=300",
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
