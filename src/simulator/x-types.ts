/** The v1.1 objects of X's Account Activity API webhooks, as X documents them. */

export interface XUser {
  id: number;
  id_str: string;
  name: string;
  screen_name: string;
  location: string | null;
  url: string | null;
  description: string | null;
  translator_type: string;
  protected: boolean;
  verified: boolean;
  followers_count: number;
  friends_count: number;
  listed_count: number;
  favourites_count: number;
  statuses_count: number;
  created_at: string;
  utc_offset: null;
  time_zone: null;
  geo_enabled: boolean;
  lang: null;
  contributors_enabled: boolean;
  is_translator: boolean;
  profile_image_url: string;
  profile_image_url_https: string;
  default_profile: boolean;
  default_profile_image: boolean;
  following: null;
  follow_request_sent: null;
  notifications: null;
}

export interface XHashtag {
  text: string;
  indices: [number, number];
}
export interface XUrlEntity {
  url: string;
  expanded_url: string;
  display_url: string;
  indices: [number, number];
}
export interface XUserMention {
  screen_name: string;
  name: string;
  id: number;
  id_str: string;
  indices: [number, number];
}
export interface XEntities {
  hashtags: XHashtag[];
  urls: XUrlEntity[];
  user_mentions: XUserMention[];
  symbols: never[];
}

export interface XTweet {
  created_at: string;
  id: number;
  id_str: string;
  text: string;
  source: string;
  truncated: boolean;
  in_reply_to_status_id: number | null;
  in_reply_to_status_id_str: string | null;
  in_reply_to_user_id: number | null;
  in_reply_to_user_id_str: string | null;
  in_reply_to_screen_name: string | null;
  user: XUser;
  geo: null;
  coordinates: null;
  place: null;
  contributors: null;
  quoted_status_id?: number;
  quoted_status_id_str?: string;
  quoted_status?: XTweet;
  quoted_status_permalink?: { url: string; expanded: string; display: string };
  is_quote_status: boolean;
  extended_tweet?: {
    full_text: string;
    display_text_range: [number, number];
    entities: XEntities;
  };
  quote_count: number;
  reply_count: number;
  retweet_count: number;
  favorite_count: number;
  entities: XEntities;
  favorited: boolean;
  retweeted: boolean;
  filter_level: string;
  lang: string;
  timestamp_ms: string;
}

export interface XTweetCreateBody {
  for_user_id: string;
  /** Present on @mentions of the subscribed account: has it blocked the author? */
  user_has_blocked?: boolean;
  tweet_create_events: XTweet[];
}
