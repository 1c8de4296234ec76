import { getJson, PlatformError, postJson } from "../platform-error.ts";

/** Graph API calls for a connected page, authenticated with the page token. */
export class FacebookClient {
  constructor(
    private readonly baseUrl: string,
    private readonly pageId: string,
    private readonly pageToken: string,
  ) {}

  private describe = (status: number, body: unknown) => {
    const e = (body as { error?: { message?: string; code?: number } })?.error;
    return `Facebook answered ${status}: ${e?.message ?? "error"}${e?.code ? ` (code ${e.code})` : ""}`;
  };

  private auth() {
    return { authorization: `Bearer ${this.pageToken}` };
  }

  /**
   * The User Profile API: name and picture of a person who wrote to the page on Messenger
   * (webhooks carry only their page-scoped id).
   */
  async getProfile(
    psid: string,
  ): Promise<{ firstName: string | null; lastName: string | null; pictureUrl: string | null }> {
    const res = (await getJson(
      `${this.baseUrl}/${encodeURIComponent(psid)}?fields=first_name,last_name,profile_pic`,
      this.auth(),
      this.describe,
    )) as { first_name?: unknown; last_name?: unknown; profile_pic?: unknown };
    const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
    const picture = text(res.profile_pic);
    return {
      firstName: text(res.first_name),
      lastName: text(res.last_name),
      pictureUrl: picture && /^https?:\/\//.test(picture) ? picture : null,
    };
  }

  /** Messenger Send API, as a response within the 24-hour window; returns the mid. */
  async sendMessage(psid: string, text: string): Promise<string> {
    const res = (await postJson(
      `${this.baseUrl}/${this.pageId}/messages`,
      { recipient: { id: psid }, messaging_type: "RESPONSE", message: { text } },
      this.auth(),
      this.describe,
    )) as { message_id?: string };
    if (!res.message_id)
      throw new PlatformError("Facebook accepted the message but returned no id", false);
    return res.message_id;
  }

  /** A private reply to a public comment (opens a Messenger thread with its author). */
  async privateReply(commentId: string, text: string): Promise<string> {
    const res = (await postJson(
      `${this.baseUrl}/${this.pageId}/messages`,
      { recipient: { comment_id: commentId }, message: { text } },
      this.auth(),
      this.describe,
    )) as { message_id?: string };
    if (!res.message_id)
      throw new PlatformError("Facebook accepted the private reply but returned no id", false);
    return res.message_id;
  }

  /** A public reply to a comment or post; returns the new comment's id. */
  async replyToComment(objectId: string, text: string): Promise<string> {
    const res = (await postJson(
      `${this.baseUrl}/${encodeURIComponent(objectId)}/comments`,
      { message: text },
      this.auth(),
      this.describe,
    )) as { id?: string };
    if (!res.id) throw new PlatformError("Facebook accepted the comment but returned no id", false);
    return res.id;
  }

  async hideComment(commentId: string): Promise<void> {
    await postJson(
      `${this.baseUrl}/${encodeURIComponent(commentId)}`,
      { is_hidden: true },
      this.auth(),
      this.describe,
    );
  }
}
