import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type IncidentRow,
  incidents,
  type TeamMemberRow,
  type TeamRow,
  teamMembers,
  teams,
  type UserRole,
  users,
} from "../../db/schema/index.ts";

export class TeamNameTakenError extends Error {}

export interface TeamMemberWithUser extends TeamMemberRow {
  name: string;
  role: UserRole;
  showPhotoPublicly: boolean;
  showFullNamePublicly: boolean;
  photoUpdatedAt: Date | null;
}

export type NewTeam = Pick<
  TeamRow,
  | "workspaceId"
  | "name"
  | "isPublic"
  | "timeZone"
  | "holidayCountry"
  | "holidayState"
  | "weekly"
  | "exceptions"
> &
  Partial<Pick<TeamRow, "routingMode">>;
export type TeamPatch = Partial<Omit<NewTeam, "workspaceId">>;

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string })?.code === "23505" ||
  (err as { cause?: { code?: string } })?.cause?.code === "23505";

/** All SQL of teams, members and their opening hours. */
export class OperationsRepository {
  constructor(private readonly db: Db) {}

  async createTeam(input: NewTeam): Promise<TeamRow> {
    try {
      const [row] = await this.db.insert(teams).values(input).returning();
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw new TeamNameTakenError(input.name);
      throw err;
    }
  }

  async updateTeam(id: string, patch: TeamPatch): Promise<TeamRow | undefined> {
    try {
      const [row] = await this.db
        .update(teams)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(teams.id, id))
        .returning();
      return row;
    } catch (err) {
      if (isUniqueViolation(err)) throw new TeamNameTakenError(patch.name ?? "");
      throw err;
    }
  }

  async deleteTeam(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
      .returning({ id: teams.id });
    return rows.length > 0;
  }

  async findTeam(workspaceId: string, id: string): Promise<TeamRow | undefined> {
    const [row] = await this.db
      .select()
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
    return row;
  }

  /** A team by id in any workspace (public status answers before anyone signs in). */
  async findTeamById(id: string): Promise<TeamRow | undefined> {
    const [row] = await this.db.select().from(teams).where(eq(teams.id, id));
    return row;
  }

  async listTeams(workspaceId: string, opts: { publicOnly?: boolean } = {}): Promise<TeamRow[]> {
    return this.db
      .select()
      .from(teams)
      .where(
        opts.publicOnly
          ? and(eq(teams.workspaceId, workspaceId), eq(teams.isPublic, true))
          : eq(teams.workspaceId, workspaceId),
      )
      .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id));
  }

  async listMembers(teamIds: string[]): Promise<TeamMemberWithUser[]> {
    if (teamIds.length === 0) return [];
    return this.db
      .select({
        teamId: teamMembers.teamId,
        userId: teamMembers.userId,
        skills: teamMembers.skills,
        capacity: teamMembers.capacity,
        shifts: teamMembers.shifts,
        createdAt: teamMembers.createdAt,
        name: users.name,
        role: users.role,
        showPhotoPublicly: users.showPhotoPublicly,
        showFullNamePublicly: users.showFullNamePublicly,
        photoUpdatedAt: users.photoUpdatedAt,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, teamIds))
      .orderBy(asc(users.name), asc(users.id));
  }

  async upsertMember(
    input: Pick<TeamMemberRow, "teamId" | "userId" | "skills" | "capacity" | "shifts">,
  ): Promise<void> {
    await this.db
      .insert(teamMembers)
      .values(input)
      .onConflictDoUpdate({
        target: [teamMembers.teamId, teamMembers.userId],
        set: { skills: input.skills, capacity: input.capacity, shifts: input.shifts },
      });
  }

  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning({ userId: teamMembers.userId });
    return rows.length > 0;
  }

  /** Opens an incident; null when spike detection already has one open. */
  async openIncident(
    input: Pick<
      IncidentRow,
      "workspaceId" | "title" | "source" | "statusNoteUrl" | "details" | "openedBy"
    >,
  ): Promise<IncidentRow | null> {
    const [row] = await this.db.insert(incidents).values(input).onConflictDoNothing().returning();
    return row ?? null;
  }

  async findOpenSpikeIncident(workspaceId: string): Promise<IncidentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(incidents)
      .where(
        and(
          eq(incidents.workspaceId, workspaceId),
          eq(incidents.status, "open"),
          eq(incidents.source, "spike"),
        ),
      );
    return row;
  }

  async listIncidents(
    workspaceId: string,
    status: IncidentRow["status"] | undefined,
    limit: number,
  ): Promise<IncidentRow[]> {
    return this.db
      .select()
      .from(incidents)
      .where(
        status
          ? and(eq(incidents.workspaceId, workspaceId), eq(incidents.status, status))
          : eq(incidents.workspaceId, workspaceId),
      )
      .orderBy(desc(incidents.startedAt), desc(incidents.id))
      .limit(limit);
  }

  async updateIncident(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<IncidentRow, "title" | "statusNoteUrl" | "status" | "resolvedAt">>,
  ): Promise<IncidentRow | undefined> {
    const [row] = await this.db
      .update(incidents)
      .set(patch)
      .where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.id, id)))
      .returning();
    return row;
  }
}
