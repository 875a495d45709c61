import { Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { DigestProps } from "../app/domain/digests/digest-content";
import { nothingHappened } from "../app/domain/digests/digest-content";
import { emailBrand } from "../app/lib/brand";
import { formatDay } from "../app/lib/dates";
import { BrandButton, EmailHeading, EmailLayout, type EmailNotice } from "./components/layout";
import { link, muted, text } from "./components/styles";

export type DigestEmailProps = DigestProps & {
  /** The preferences and unsubscribe links (made when the outbox renders it). */
  links?: Omit<EmailNotice, "reason">;
  /** The origin links are put on (the configured one, when the outbox renders it). */
  origin?: string;
};

const STATUS_COLOUR = { green: "#166534", amber: "#92400e", red: "#b91c1c" } as const;

export function digestSubject({ clientName, frequency, toDay }: Pick<DigestProps, "clientName" | "frequency" | "toDay">) {
  return `${frequency === "daily" ? "Your daily digest" : "Your weekly digest"}: ${clientName} onboarding, ${formatDay(toDay)}`;
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "0 0 12px" }}>
      <Text style={{ ...text, fontWeight: 700, margin: "16px 0 4px" }}>{title}</Text>
      {children}
    </Section>
  );
}

function Item({ children }: { children: ReactNode }) {
  return <Text style={{ ...text, margin: "0 0 4px" }}>• {children}</Text>;
}

export default function DigestEmail(props: DigestEmailProps) {
  const { personName, clientName, frequency, fromDay, toDay, status, links, origin = "" } = props;
  const brand = emailBrand(props.brand.name, props.brand.primaryColor);
  const url = (path: string) => `${origin}${path}`;
  const period = frequency === "daily" ? "day" : "week";
  const quiet = nothingHappened(props);
  return (
    <EmailLayout
      title={digestSubject(props)}
      preview={`${status.reason} ${quiet ? `Nothing happened this ${period}.` : ""}`.trim()}
      brand={brand}
      notice={{
        reason: `You get this because you are a contact on ${clientName}'s onboarding and chose a ${frequency} digest (decision makers get one weekly unless they choose otherwise).`,
        ...links,
      }}
    >
      <EmailHeading>
        {clientName}: {frequency === "daily" ? "your daily digest" : "your weekly digest"}
      </EmailHeading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={{ ...text, color: STATUS_COLOUR[status.level], fontWeight: 700 }}>{status.reason}</Text>
      <Text style={muted}>
        From {formatDay(fromDay)} to {formatDay(toDay)}.
      </Text>

      {quiet ? <Text style={text}>Nothing happened this {period}.</Text> : null}

      {props.milestonesDone.length ? (
        <Block title="Milestones done">
          {props.milestonesDone.map((m) => (
            <Item key={m.title + m.day}>
              {m.title}: done {formatDay(m.day)}
            </Item>
          ))}
        </Block>
      ) : null}

      {props.datesMoved.length ? (
        <Block title="Dates moved">
          {props.datesMoved.map((d, i) => (
            <Item key={i}>
              {d.title}: from {formatDay(d.from)} to {formatDay(d.to)}. Why: {d.reason}
            </Item>
          ))}
        </Block>
      ) : null}

      {props.versionsPublished.length || props.versionsSigned.length ? (
        <Block title="Requirement documents">
          {props.versionsPublished.map((v) => (
            <Item key={`p${v.path}${v.version}`}>
              <Link href={url(v.path)} style={link}>
                {v.title}
              </Link>{" "}
              version {v.version} published {formatDay(v.day)}
            </Item>
          ))}
          {props.versionsSigned.map((s, i) => (
            <Item key={`s${i}`}>
              {s.title} version {s.version}: {s.decision === "approved" ? "signed off" : "changes requested"} by {s.by}, {formatDay(s.day)}
            </Item>
          ))}
        </Block>
      ) : null}

      {props.decisionsOwed.length || props.signOffsOwed.length ? (
        <Block title="Waiting for you">
          {props.decisionsOwed.map((d) => (
            <Item key={d.path}>
              Decision:{" "}
              <Link href={url(d.path)} style={link}>
                {d.title}
              </Link>
              {d.due ? `, by ${formatDay(d.due)}` : ""}
            </Item>
          ))}
          {props.signOffsOwed.map((s) => (
            <Item key={s.path}>
              Sign-off:{" "}
              <Link href={url(s.path)} style={link}>
                {s.title} (version {s.version})
              </Link>
              {s.due ? `, by ${formatDay(s.due)}` : ""}
            </Item>
          ))}
        </Block>
      ) : null}

      {props.updates.length ? (
        <Block title="Updates from your project team">
          {props.updates.map((u) => (
            <Section key={u.path} style={{ margin: "0 0 8px" }}>
              <Text style={{ ...text, margin: 0 }}>
                <Link href={url(u.path)} style={link}>
                  {u.title}
                </Link>
                {u.authorName ? ` (${u.authorName}, ${formatDay(u.day)})` : ` (${formatDay(u.day)})`}
              </Text>
              <Text style={{ ...muted, margin: 0, whiteSpace: "pre-line" }}>{u.excerpt}</Text>
            </Section>
          ))}
        </Block>
      ) : null}

      {props.nextMilestones.length ? (
        <Block title="Next milestones">
          {props.nextMilestones.map((m) => (
            <Item key={m.title + m.day}>
              {m.title}: {formatDay(m.day)}
            </Item>
          ))}
        </Block>
      ) : null}

      {props.pulse || props.resolvedConcerns.length ? (
        <Block title="Your feedback">
          {props.pulse ? (
            <Item>
              We last asked how things are going on {formatDay(props.pulse.askedDay)}:{" "}
              {props.pulse.answered ? (
                "thank you for answering."
              ) : (
                <Link href={url(props.pulse.path)} style={link}>
                  tell us how it is going
                </Link>
              )}
            </Item>
          ) : null}
          {props.resolvedConcerns.map((c, i) => (
            <Item key={i}>
              You told us: “{c.said}”. We did: {c.resolution}
            </Item>
          ))}
        </Block>
      ) : null}

      <BrandButton brand={brand} href={url(props.pagePath)}>
        Open your onboarding page
      </BrandButton>
    </EmailLayout>
  );
}

DigestEmail.PreviewProps = {
  personName: "Margaret Osei",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557" },
  frequency: "weekly",
  fromDay: "2026-11-24",
  toDay: "2026-12-01",
  status: { level: "amber", reason: "Amber: 1 milestone late (the latest: Payroll file test, 3 days)." },
  milestonesDone: [{ title: "Kick-off", day: "2026-11-25" }],
  datesMoved: [{ title: "Payroll file test", from: "2026-11-27", to: "2026-12-04", reason: "The payroll provider needs another week." }],
  versionsPublished: [{ title: "Eligibility rules", version: 2, day: "2026-11-26", path: "/c/northwind/requirements/1" }],
  versionsSigned: [{ title: "Eligibility rules", version: 2, by: "Tom Reyes", decision: "approved", day: "2026-11-27" }],
  nextMilestones: [{ title: "Payroll file test", day: "2026-12-04" }],
  decisionsOwed: [{ title: "Open enrolment window", due: "2026-12-08", path: "/c/northwind/updates/2" }],
  signOffsOwed: [],
  updates: [{ title: "Open enrolment window", authorName: "Priya Raman", day: "2026-11-30", excerpt: "Two weeks or three?", path: "/c/northwind/updates/2" }],
  pulse: { askedDay: "2026-11-20", answered: true, path: "/c/northwind#feedback" },
  resolvedConcerns: [],
  pagePath: "/c/northwind",
  recipient: { clientId: "00000000-0000-4000-8000-000000000001", personId: "00000000-0000-4000-8000-000000000002", clientSlug: "northwind", kind: "digest" },
  origin: "http://localhost:3000",
} satisfies DigestEmailProps;
