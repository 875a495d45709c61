import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/lib/auth/sign-in.server";
import { requireViewer } from "~/lib/viewer.server";
import { homePath } from "~/domain/people/home-path";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getUser(request))) throw redirect("/login");
  const { viewer } = await requireViewer(request);
  throw redirect(homePath(viewer));
}
