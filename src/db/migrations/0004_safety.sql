CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impostor_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "channel_kind" NOT NULL,
	"account_key" text NOT NULL,
	"platform_user_id" text,
	"handle" text,
	"display_name" text,
	"contact_id" uuid,
	"status" text DEFAULT 'suspected' NOT NULL,
	"reason" text NOT NULL,
	"score" real NOT NULL,
	"evidence" jsonb NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "personal_data_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"types" text[] NOT NULL,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"personal_data_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reveal_roles" text[] DEFAULT '{admin,moderator}'::text[] NOT NULL,
	"default_region" text DEFAULT 'DE' NOT NULL,
	"allowlist" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_patterns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"brand_handles" text[],
	"brand_names" text[],
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "messages_text_search_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "praise" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "personal_data" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "impostor_accounts" ADD CONSTRAINT "impostor_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impostor_accounts" ADD CONSTRAINT "impostor_accounts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impostor_accounts" ADD CONSTRAINT "impostor_accounts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_incidents" ADD CONSTRAINT "personal_data_incidents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_incidents" ADD CONSTRAINT "personal_data_incidents_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_incidents" ADD CONSTRAINT "personal_data_incidents_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_settings" ADD CONSTRAINT "safety_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_workspace_idx" ON "audit_events" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("workspace_id","action","id");--> statement-breakpoint
CREATE UNIQUE INDEX "impostor_accounts_key" ON "impostor_accounts" USING btree ("workspace_id","kind","account_key");--> statement-breakpoint
CREATE INDEX "impostor_accounts_confirmed_contact_idx" ON "impostor_accounts" USING btree ("contact_id") WHERE status = 'confirmed';--> statement-breakpoint
CREATE UNIQUE INDEX "personal_data_incidents_message_key" ON "personal_data_incidents" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "personal_data_incidents_workspace_idx" ON "personal_data_incidents" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_praise_idx" ON "messages" USING btree ("workspace_id","created_at") WHERE praise AND direction = 'inbound';--> statement-breakpoint
CREATE INDEX "messages_text_search_idx" ON "messages" USING gin (to_tsvector('simple', COALESCE("search_text", "text")));--> statement-breakpoint
-- Written by hand: the audit log refuses changes. The hash chain still catches anyone who
-- disables this trigger (or edits the files underneath); this stops the honest mistake.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
