import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";

/** A Messenger identity whose name and picture are still to be looked up. */
export interface DueProfile {
  identityId: string;
  workspaceId: string;
  contactId: string;
  psid: string;
  attempts: number;
  /** The page the person wrote to (the one whose token may read their profile). */
  channelId: string | null;
}

/** Give up on a profile after this many failed lookups. */
export const MAX_PROFILE_ATTEMPTS = 5;

/** The SQL of the Messenger profile lookups. */
export class ContactProfilesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims due lookups: each claim counts as an attempt and pushes the next one back, so
   * a lookup that dies half-way is retried later, never by two workers at once.
   */
  async claimDue(limit: number): Promise<DueProfile[]> {
    const rows = await queryRows<{
      id: string;
      workspace_id: string;
      contact_id: string;
      platform_user_id: string;
      profile_attempts: number;
      channel_id: string | null;
    }>(
      this.db,
      sql`
      UPDATE contact_identities ci
      SET profile_attempts = ci.profile_attempts + 1,
          profile_next_at = now() + interval '10 minutes'
      WHERE ci.id IN (
        SELECT id FROM contact_identities
        WHERE kind = 'facebook' AND display_name IS NULL
          AND profile_attempts < ${MAX_PROFILE_ATTEMPTS} AND profile_next_at <= now()
        ORDER BY profile_next_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING ci.id, ci.workspace_id, ci.contact_id, ci.platform_user_id, ci.profile_attempts,
        (SELECT conv.channel_id FROM conversations conv
           JOIN channels ch ON ch.id = conv.channel_id
          WHERE conv.contact_id = ci.contact_id AND ch.kind = 'facebook' AND ch.status = 'active'
          ORDER BY conv.last_message_at DESC LIMIT 1) AS channel_id`,
    );
    return rows.map((r) => ({
      identityId: r.id,
      workspaceId: r.workspace_id,
      contactId: r.contact_id,
      psid: r.platform_user_id,
      attempts: Number(r.profile_attempts),
      channelId: r.channel_id,
    }));
  }

  /**
   * Stores the name and picture on the identity, and on the contact while it still shows
   * the placeholder ingest gave it (a name an agent typed is kept). Returns the contact's
   * conversations that are not closed, for the consoles to refresh.
   */
  async saveProfile(
    due: DueProfile,
    profile: { name: string; pictureUrl: string | null },
    placeholder: string,
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE contact_identities
        SET display_name = ${profile.name},
            avatar_url = COALESCE(${profile.pictureUrl}, avatar_url),
            profile_error = NULL, updated_at = now()
        WHERE id = ${due.identityId}`);
      await tx.execute(sql`
        UPDATE contacts
        SET display_name = CASE WHEN display_name = ${placeholder} THEN ${profile.name} ELSE display_name END,
            avatar_url = COALESCE(avatar_url, ${profile.pictureUrl}),
            updated_at = now()
        WHERE id = ${due.contactId}`);
      const open = await queryRows<{ id: string }>(
        tx as unknown as Db,
        sql`SELECT id FROM conversations WHERE contact_id = ${due.contactId} AND status <> 'closed'`,
      );
      return open.map((r) => r.id);
    });
  }

  /** Records why a lookup failed; `retryAt` null gives up on this profile. */
  async markFailed(identityId: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.execute(sql`
      UPDATE contact_identities
      SET profile_error = ${error.slice(0, 500)},
          profile_next_at = COALESCE(${retryAt?.toISOString() ?? null}::timestamptz, profile_next_at),
          profile_attempts = CASE WHEN ${retryAt === null} THEN ${MAX_PROFILE_ATTEMPTS} ELSE profile_attempts END
      WHERE id = ${identityId}`);
  }
}
