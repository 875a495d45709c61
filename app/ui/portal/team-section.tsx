import type { TeamMember } from "~/domain/portal/get-client-portal.server";
import { EmailText, initials } from "~/ui/format";

const ROLE_LABEL: Record<TeamMember["role"], string> = {
  project_manager: "Project manager",
  service_team: "Service team",
  relationship_manager: "Relationship manager",
  sales: "Sales",
};

function MemberCard({ member }: { member: TeamMember }) {
  return (
    <li className="person-card">
      {member.avatarUrl ? (
        <img className="avatar" src={member.avatarUrl} alt="" width={56} height={56} />
      ) : (
        <span className="avatar avatar-initials" aria-hidden="true">
          {initials(member.fullName)}
        </span>
      )}
      <div>
        <h4 className="person-name">{member.fullName}</h4>
        <p className="person-role">
          {ROLE_LABEL[member.role]}
          {member.title ? ` · ${member.title}` : ""}
        </p>
        {member.responsibilities ? <p>{member.responsibilities}</p> : null}
        <p className="person-contact">
          <a href={`mailto:${member.email}`}>
            <EmailText email={member.email} />
          </a>
          {member.phone ? (
            <>
              {" · "}
              <a href={`tel:${member.phone.replace(/[^+\d]/g, "")}`}>{member.phone}</a>
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}

export function TeamSection({ team, goLiveDate }: { team: TeamMember[]; goLiveDate: string | null }) {
  const before = team.filter((m) => m.stage === "before");
  const after = team.filter((m) => m.stage === "after");
  return (
    <section className="panel" aria-labelledby="team-title">
      <h2 id="team-title">Who is on your side</h2>
      {team.length === 0 ? (
        <p className="empty-state">Your team is being put together; you will see them here soon.</p>
      ) : (
        <div className="team-columns">
          <div>
            <h3>Until go-live{goLiveDate ? "" : ""}</h3>
            <p className="muted">For the plan, requirements, dates and anything about the conversion.</p>
            {before.length ? <ul className="people-list">{before.map((m) => <MemberCard key={m.id} member={m} />)}</ul> : <p className="muted">To be named.</p>}
          </div>
          <div>
            <h3>After go-live</h3>
            <p className="muted">Your day-to-day service team. You meet them now, so nothing is lost at handover.</p>
            {after.length ? <ul className="people-list">{after.map((m) => <MemberCard key={m.id} member={m} />)}</ul> : <p className="muted">To be named.</p>}
          </div>
        </div>
      )}
    </section>
  );
}
