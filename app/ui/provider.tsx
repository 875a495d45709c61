// The provider's brand (configured name and logo, see PROVIDER_NAME and
// PROVIDER_LOGO_PATH), read from the root loader's public environment.
import { useRouteLoaderData } from "@remix-run/react";
import type { PublicEnv } from "~/lib/env.server";

const FALLBACK = { name: "Onboarding portal", logo: null as string | null };

export function useProvider(): { name: string; logo: string | null } {
  const data = useRouteLoaderData("root") as { env?: PublicEnv } | undefined;
  if (!data?.env) return FALLBACK;
  return { name: data.env.providerName, logo: data.env.providerLogo };
}
