CREATE TABLE "community_email_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_follows" (
	"user_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_follows_user_id_target_type_target_pk" PRIMARY KEY("user_id","target_type","target")
);
--> statement-breakpoint
CREATE TABLE "community_member_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"handle" text NOT NULL,
	"email" text DEFAULT 'immediate' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_notifications" ADD COLUMN "post_id" uuid;--> statement-breakpoint
ALTER TABLE "community_notifications" ADD COLUMN "email_pending" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "community_idea_notifications" ADD COLUMN "email_pending" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "community_email_deliveries" ADD CONSTRAINT "community_email_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_follows" ADD CONSTRAINT "community_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_follows" ADD CONSTRAINT "community_follows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_member_settings" ADD CONSTRAINT "community_member_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_member_settings" ADD CONSTRAINT "community_member_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_email_deliveries_due_idx" ON "community_email_deliveries" USING btree ("next_attempt_at") WHERE "community_email_deliveries"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "community_follows_target_idx" ON "community_follows" USING btree ("workspace_id","target_type","target");--> statement-breakpoint
CREATE UNIQUE INDEX "community_member_settings_handle_key" ON "community_member_settings" USING btree ("workspace_id",lower("handle"));--> statement-breakpoint
CREATE INDEX "community_notifications_email_idx" ON "community_notifications" USING btree ("user_id","created_at") WHERE "community_notifications"."email_pending";--> statement-breakpoint
CREATE UNIQUE INDEX "community_notifications_mention_key" ON "community_notifications" USING btree ("user_id","post_id") WHERE "community_notifications"."kind" = 'mention';--> statement-breakpoint
CREATE INDEX "community_idea_notifications_email_idx" ON "community_idea_notifications" USING btree ("user_id","created_at") WHERE "community_idea_notifications"."email_pending";--> statement-breakpoint
-- Notices from before e-mail existed are not mailed after the upgrade.
UPDATE "community_notifications" SET "email_pending" = false;--> statement-breakpoint
UPDATE "community_idea_notifications" SET "email_pending" = false;
