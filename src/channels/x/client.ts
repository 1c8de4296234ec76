import { PlatformError, postJson, putJson } from "../platform-error.ts";

/** X API v2 calls hilft makes on behalf of a connected account (OAuth 2 user token). */
export class XClient {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
  ) {}

  private describe = (status: number, body: unknown) => {
    const b = body as { detail?: string; title?: string; errors?: { message?: string }[] };
    return `X answered ${status}: ${b?.detail ?? b?.errors?.[0]?.message ?? b?.title ?? "error"}`;
  };

  private auth() {
    return { authorization: `Bearer ${this.accessToken}` };
  }

  /** A public reply to a tweet; returns the new tweet's id. */
  async reply(inReplyToTweetId: string, text: string): Promise<string> {
    const res = (await postJson(
      `${this.baseUrl}/2/tweets`,
      { text, reply: { in_reply_to_tweet_id: inReplyToTweetId } },
      this.auth(),
      this.describe,
    )) as { data?: { id?: string } };
    if (!res.data?.id) throw new PlatformError("X accepted the reply but returned no id", false);
    return res.data.id;
  }

  /**
   * Hides a reply in a conversation the account started (X API v2 hide replies). X
   * refuses it for posts that are not such replies; that refusal is the reason shown.
   */
  async hideReply(tweetId: string): Promise<void> {
    const res = (await putJson(
      `${this.baseUrl}/2/tweets/${encodeURIComponent(tweetId)}/hidden`,
      { hidden: true },
      this.auth(),
      this.describe,
    )) as { data?: { hidden?: boolean } };
    if (res.data?.hidden !== true)
      throw new PlatformError("X did not confirm that the reply is hidden", false);
  }

  /** A direct message; returns the DM event id. */
  async sendDm(participantId: string, text: string): Promise<string> {
    const res = (await postJson(
      `${this.baseUrl}/2/dm_conversations/with/${encodeURIComponent(participantId)}/messages`,
      { text },
      this.auth(),
      this.describe,
    )) as { data?: { dm_event_id?: string } };
    if (!res.data?.dm_event_id)
      throw new PlatformError("X accepted the DM but returned no id", false);
    return res.data.dm_event_id;
  }
}
