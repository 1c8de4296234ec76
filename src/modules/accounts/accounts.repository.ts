import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type ApiTokenRow,
  apiTokens,
  passwordResets,
  type SessionRow,
  sessions,
  type UserRole,
  type UserRow,
  users,
} from "../../db/schema/index.ts";

export interface NewUser {
  workspaceId: string;
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string | null;
  locale?: string | null;
}

/** Thrown by `createUser` when the e-mail is taken (case-insensitively). */
export class EmailTakenError extends Error {}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  // --- users ---------------------------------------------------------------

  async createUser(input: NewUser): Promise<UserRow> {
    try {
      const [row] = await this.db.insert(users).values(input).returning();
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError(input.email);
      throw err;
    }
  }

  async findUserById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    return row;
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return Number(row?.n ?? 0);
  }

  async listUsers(filter: {
    workspaceId: string;
    role?: UserRole | undefined;
    q?: string | undefined;
    limit: number;
  }): Promise<UserRow[]> {
    const conditions: SQL[] = [eq(users.workspaceId, filter.workspaceId)];
    if (filter.role) conditions.push(eq(users.role, filter.role));
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!);
    }
    return this.db
      .select()
      .from(users)
      .where(and(...conditions))
      .orderBy(desc(users.createdAt))
      .limit(filter.limit);
  }

  /** Enabled agents, moderators and admins of a workspace, by name. */
  async listStaff(workspaceId: string): Promise<UserRow[]> {
    return this.db
      .select()
      .from(users)
      .where(
        and(
          eq(users.workspaceId, workspaceId),
          inArray(users.role, ["agent", "moderator", "admin"]),
          isNull(users.disabledAt),
        ),
      )
      .orderBy(asc(users.name), asc(users.id))
      .limit(1000);
  }

  async updateUser(
    id: string,
    patch: Partial<
      Pick<
        UserRow,
        | "name"
        | "locale"
        | "role"
        | "passwordHash"
        | "signature"
        | "timeZone"
        | "skills"
        | "showPhotoPublicly"
        | "showFullNamePublicly"
      >
    >,
  ): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  // --- sessions ------------------------------------------------------------

  async createSession(input: {
    userId: string;
    tokenHash: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<SessionRow> {
    const [row] = await this.db.insert(sessions).values(input).returning();
    return row!;
  }

  /** A live session and its (enabled) user, by the hash of the cookie value. */
  async findLiveSession(
    tokenHash: string,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const [row] = await this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, new Date()),
          isNull(users.disabledAt),
        ),
      );
    return row;
  }

  async touchSession(id: string, expiresAt: Date): Promise<void> {
    await this.db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt })
      .where(eq(sessions.id, id));
  }

  async listLiveSessions(userId: string): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt));
  }

  /** Revokes one session of the user; false when there was none to revoke. */
  async revokeSession(userId: string, sessionId: string): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async revokeAllSessions(userId: string): Promise<void> {
    await this.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  }

  // --- API tokens ----------------------------------------------------------

  async createApiToken(input: {
    userId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    expiresAt: Date | null;
  }): Promise<ApiTokenRow> {
    const [row] = await this.db.insert(apiTokens).values(input).returning();
    return row!;
  }

  async findLiveApiToken(
    tokenHash: string,
  ): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
    const [row] = await this.db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
          isNull(users.disabledAt),
        ),
      );
    return row;
  }

  async markApiTokenUsed(id: string): Promise<void> {
    await this.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
  }

  async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
  }

  async revokeApiToken(userId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return rows.length > 0;
  }

  // --- password resets -----------------------------------------------------

  async createPasswordReset(input: {
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.insert(passwordResets).values(input);
  }

  /** The e-mail of the account a live (unused, unexpired) reset token belongs to. */
  async findLivePasswordReset(tokenHash: string): Promise<{ email: string } | undefined> {
    const [row] = await this.db
      .select({ email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      );
    return row;
  }

  /**
   * Uses the reset token, sets the new password and ends every session of the account, in
   * one transaction. Returns false when the token is unknown, used or expired, so a token
   * works exactly once even when two requests race.
   */
  async completePasswordReset(tokenHash: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [reset] = await tx
        .update(passwordResets)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, new Date()),
          ),
        )
        .returning({ userId: passwordResets.userId });
      if (!reset) return false;
      await tx
        .update(users)
        .set({ passwordHash, updatedAt: new Date() })
        .where(eq(users.id, reset.userId));
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, reset.userId), isNull(sessions.revokedAt)));
      return true;
    });
  }
}
