// The templates the outbox worker can render, by the name a row stores in
// email_outbox.template. A feature that sends a new kind of email adds its
// template here; its RPC then enqueues it with app_private.enqueue_email
// (see supabase/migrations/20261201000500_email_outbox.sql).
//
// The sign-in code is deliberately absent: it is sent inline and never stored.
import { createElement, type ComponentType, type ReactElement } from "react";
import ClientUpdateEmail, { clientUpdateSubject, type ClientUpdateEmailProps } from "./client-update";
import DissatisfierOpenedEmail, {
  dissatisfierOpenedSubject,
  type DissatisfierOpenedEmailProps,
} from "./dissatisfier-opened";
import { emailBrand, type Brand } from "../app/lib/brand";
import { absoluteUrl, appOrigin, env } from "../app/lib/env.server";
import { recipientLinks, storedRecipient, unsubscribeHeaders } from "../app/domain/notifications/email-links.server";
import DateChangeEmail, { dateChangeSubject, type DateChangeEmailProps } from "./date-change";
import DigestEmail, { digestSubject, type DigestEmailProps } from "./digest";
import CommitmentDisputedEmail, { commitmentDisputedSubject, type CommitmentDisputedEmailProps } from "./commitment-disputed";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./invitation";
import RequirementDecisionEmail, {
  requirementDecisionSubject,
  type RequirementDecisionEmailProps,
} from "./requirement-decision";
import RequirementReviewEmail, { requirementReviewSubject, type RequirementReviewEmailProps } from "./requirement-review";
import { signPulseLink } from "../app/domain/pulse/pulse-link.server";
import PulseRequestEmail, { pulseRequestSubject } from "./pulse-request";

export type EmailTemplate<P> = {
  component: ComponentType<P>;
  subject: (props: P) => string;
};

const template = <P,>(component: ComponentType<P>, subject: (props: P) => string): EmailTemplate<P> => ({ component, subject });

/**
 * The dispute email as respond_to_commitment stores it: the brand without its text
 * colour, which is derived here (the same rule as the UI) when the worker renders it.
 */
export type StoredCommitmentDisputedProps = Omit<CommitmentDisputedEmailProps, "brand"> & { brand: Omit<Brand, "textOnPrimary"> };
const StoredCommitmentDisputedEmail = ({ brand, handoffUrl, ...props }: StoredCommitmentDisputedProps) =>
  CommitmentDisputedEmail({ ...props, handoffUrl: onOurOrigin(handoffUrl), brand: emailBrand(env.PROVIDER_NAME, brand.primaryColor) });

/**
 * A link from a stored row, put back on the configured origin (APP_URL) when the email is
 * rendered: whoever called the RPC that queued it cannot choose the host it points to,
 * nor the provider's name in it.
 */
export function onOurOrigin(url: string): string {
  const parsed = new URL(url, appOrigin);
  return absoluteUrl(parsed.pathname + parsed.search + parsed.hash);
}

/** The preferences and unsubscribe links for the recipient a row names (none for a row without one). */
function linksFor(props: Record<string, unknown>) {
  const recipient = storedRecipient(props);
  return recipient ? recipientLinks(recipient) : undefined;
}

const StoredClientUpdateEmail = ({ updateUrl, brand, ...props }: ClientUpdateEmailProps) =>
  ClientUpdateEmail({
    ...props,
    updateUrl: onOurOrigin(updateUrl),
    brand: { ...brand, name: env.PROVIDER_NAME },
    links: linksFor(props as unknown as Record<string, unknown>),
  });

/** A digest as record_digest stores it: links are paths, put on the configured origin here; the provider is ours. */
const StoredDigestEmail = (props: DigestEmailProps) =>
  DigestEmail({
    ...props,
    brand: { ...props.brand, name: env.PROVIDER_NAME },
    origin: appOrigin,
    links: linksFor(props as unknown as Record<string, unknown>),
  });

/** A stored brand: the client's colour; the provider's name and the text colour are added when rendering. */
type StoredBrand = { brand: Pick<Brand, "primaryColor"> & Partial<Brand> };
const ourBrand = ({ brand }: StoredBrand) => emailBrand(env.PROVIDER_NAME, brand.primaryColor);

// Queued by invite_contact, publish_requirement_version and sign_off_requirement
// (migration 20261201002000) with links as paths: put on our origin, in our name, here.
export type StoredInvitationProps = Omit<InvitationEmailProps, "brand"> & StoredBrand;
const StoredInvitationEmail = (props: StoredInvitationProps) =>
  InvitationEmail({ ...props, loginUrl: onOurOrigin(props.loginUrl), brand: ourBrand(props) });
export type StoredRequirementReviewProps = Omit<RequirementReviewEmailProps, "brand"> & StoredBrand;
const StoredRequirementReviewEmail = (props: StoredRequirementReviewProps) =>
  RequirementReviewEmail({
    ...props,
    documentUrl: onOurOrigin(props.documentUrl),
    brand: ourBrand(props),
    links: linksFor(props as unknown as Record<string, unknown>),
  });
/** A date change as app_private.email_date_change stores it (migration 20261201002210): the page as a path, the client's colour. */
export type StoredDateChangeProps = Omit<DateChangeEmailProps, "brand"> & StoredBrand;
const StoredDateChangeEmail = (props: StoredDateChangeProps) =>
  DateChangeEmail({
    ...props,
    pageUrl: onOurOrigin(props.pageUrl),
    brand: ourBrand(props),
    links: linksFor(props as unknown as Record<string, unknown>),
  });
export type StoredRequirementDecisionProps = Omit<RequirementDecisionEmailProps, "brand"> & StoredBrand;
const StoredRequirementDecisionEmail = (props: StoredRequirementDecisionProps) =>
  RequirementDecisionEmail({ ...props, documentUrl: onOurOrigin(props.documentUrl), brand: ourBrand(props) });

/**
 * The pulse request as app_private.ask_pulse stores it: the pulse, the person and the
 * expiry. The five score links are signed here, when the worker renders the email, on
 * the configured origin.
 */
export type StoredPulseRequestProps = {
  recipientName: string;
  clientName: string;
  primaryColor: string;
  why: string;
  pulseId: string;
  personId: string;
  expiresAt: string;
  /** The client page's path (/c/<slug>#feedback). */
  path: string;
};
const StoredPulseRequestEmail = ({ primaryColor, pulseId, personId, expiresAt, path, ...props }: StoredPulseRequestProps) => {
  const token = signPulseLink({ pulseId, personId, expiresAt });
  return PulseRequestEmail({
    ...props,
    brand: emailBrand(env.PROVIDER_NAME, primaryColor),
    scoreUrls: [1, 2, 3, 4, 5].map((score) => absoluteUrl(`/pulse/${token}?score=${score}`)),
    pageUrl: onOurOrigin(path),
  });
};

export const emailTemplates = {
  "client-update": template<ClientUpdateEmailProps>(StoredClientUpdateEmail, clientUpdateSubject),
  invitation: template<StoredInvitationProps>(StoredInvitationEmail, (props) => invitationSubject({ ...props, brand: ourBrand(props) })),
  "requirement-review": template<StoredRequirementReviewProps>(StoredRequirementReviewEmail, requirementReviewSubject),
  "requirement-decision": template<StoredRequirementDecisionProps>(StoredRequirementDecisionEmail, requirementDecisionSubject),
  "dissatisfier-opened": template<DissatisfierOpenedEmailProps>(DissatisfierOpenedEmail, dissatisfierOpenedSubject),
  "commitment-disputed": template<StoredCommitmentDisputedProps>(StoredCommitmentDisputedEmail, commitmentDisputedSubject),
  digest: template<DigestEmailProps>(StoredDigestEmail, digestSubject),
  "date-change": template<StoredDateChangeProps>(StoredDateChangeEmail, dateChangeSubject),
  "pulse-request": template<StoredPulseRequestProps>(StoredPulseRequestEmail, pulseRequestSubject),
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
/** The props each template takes, for the code that enqueues it. */
export type EmailProps<N extends EmailTemplateName> = Parameters<(typeof emailTemplates)[N]["subject"]>[0];

export const isEmailTemplateName = (name: string): name is EmailTemplateName => Object.hasOwn(emailTemplates, name);

/** The element and subject for a stored row's template and props (JSON from the database). */
export function emailFromRegistry(name: string, props: Record<string, unknown>): { subject: string; element: ReactElement } {
  if (!isEmailTemplateName(name)) throw new Error(`unknown email template "${name}"`);
  const entry = emailTemplates[name] as EmailTemplate<Record<string, unknown>>;
  return { subject: entry.subject(props), element: createElement(entry.component, props) };
}

/**
 * Headers a stored row is sent with: List-Unsubscribe and List-Unsubscribe-Post
 * for every email that names its recipient (notifications and digests).
 * Derived from the stored props, so every attempt sends the same headers.
 */
export function emailHeaders(props: Record<string, unknown> | null | undefined): Record<string, string> | undefined {
  const recipient = props ? storedRecipient(props) : null;
  return recipient ? unsubscribeHeaders(recipient) : undefined;
}
