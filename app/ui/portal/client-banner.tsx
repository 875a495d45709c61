// The co-branded header of every client page: the client's logo and name on
// their brand colour, with the provider's logo and name beside it.
import type { ReactNode } from "react";
import { initials } from "~/ui/format";
import { useProvider } from "~/ui/provider";

export type BannerClient = { slug: string; name: string; logoVersion?: string | null; logoUrl?: string | null };

/** Where the client's logo is served from: an uploaded logo (behind sign-in), else a logo the app ships, else none. */
export function clientLogoSrc(client: BannerClient): string | null {
  if (client.logoVersion) return `/c/${client.slug}/logo?v=${encodeURIComponent(client.logoVersion)}`;
  return client.logoUrl ?? null;
}

export function ClientBanner({ client, eyebrow, title }: { client: BannerClient; eyebrow: ReactNode; title: ReactNode }) {
  const provider = useProvider();
  const logo = clientLogoSrc(client);
  return (
    <header className="brand-banner">
      {logo ? (
        // A box of fixed size (the logo is fitted inside): nothing moves when it arrives.
        <img src={logo} alt={`${client.name} logo`} className="brand-logo" width={160} height={64} />
      ) : (
        <span className="brand-logo brand-monogram" aria-hidden="true">
          {initials(client.name)}
        </span>
      )}
      <div className="brand-text">
        <p className="brand-eyebrow">{eyebrow}</p>
        <h1>{title}</h1>
      </div>
      <p className="brand-provider">
        {provider.logo ? <img src={provider.logo} alt="" className="provider-mark" width={28} height={28} /> : null}
        <span>
          <span className="visually-hidden">In partnership with </span>
          {provider.name}
        </span>
      </p>
    </header>
  );
}
