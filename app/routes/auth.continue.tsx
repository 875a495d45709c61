import type { LoaderFunctionArgs } from "@remix-run/node";
import { continueAfterSignIn } from "~/lib/auth/sign-in.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return continueAfterSignIn(request);
}
