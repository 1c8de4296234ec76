CREATE TYPE "public"."reputation_redemption_status" AS ENUM('requested', 'approved', 'shipped', 'declined');--> statement-breakpoint
CREATE TABLE "reputation_badge_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"badge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"awarded_by_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"icon" text NOT NULL,
	"rule" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"reward_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "reputation_redemption_status" DEFAULT 'requested' NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"message" text,
	"decided_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"cause_key" text NOT NULL,
	"reverses_id" uuid,
	"actor_id" uuid,
	"post_type" text,
	"post_id" uuid,
	"question_id" uuid,
	"cap_day" date,
	"uncapped_points" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_totals" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"rank_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_url" text,
	"stock" integer DEFAULT 0 NOT NULL,
	"price_points" integer,
	"top_helpers_of_month" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_serial_voting_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"votes" integer NOT NULL,
	"points_reversed" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reputation_vote_origins" (
	"user_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reputation_vote_origins_user_id_origin_pk" PRIMARY KEY("user_id","origin")
);
--> statement-breakpoint
ALTER TABLE "community_notifications" ALTER COLUMN "question_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "community_notifications" ADD COLUMN "badge_award_id" uuid;--> statement-breakpoint
ALTER TABLE "reputation_badge_awards" ADD CONSTRAINT "reputation_badge_awards_badge_id_reputation_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."reputation_badges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_badge_awards" ADD CONSTRAINT "reputation_badge_awards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_badge_awards" ADD CONSTRAINT "reputation_badge_awards_awarded_by_id_users_id_fk" FOREIGN KEY ("awarded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_badges" ADD CONSTRAINT "reputation_badges_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_redemptions" ADD CONSTRAINT "reputation_redemptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_redemptions" ADD CONSTRAINT "reputation_redemptions_reward_id_reputation_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."reputation_rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_redemptions" ADD CONSTRAINT "reputation_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_redemptions" ADD CONSTRAINT "reputation_redemptions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_ledger" ADD CONSTRAINT "reputation_ledger_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_ledger" ADD CONSTRAINT "reputation_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_ledger" ADD CONSTRAINT "reputation_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_settings" ADD CONSTRAINT "reputation_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_totals" ADD CONSTRAINT "reputation_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_totals" ADD CONSTRAINT "reputation_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_rewards" ADD CONSTRAINT "reputation_rewards_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_serial_voting_cases" ADD CONSTRAINT "reputation_serial_voting_cases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_serial_voting_cases" ADD CONSTRAINT "reputation_serial_voting_cases_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_serial_voting_cases" ADD CONSTRAINT "reputation_serial_voting_cases_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reputation_vote_origins" ADD CONSTRAINT "reputation_vote_origins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reputation_badge_awards_key" ON "reputation_badge_awards" USING btree ("badge_id","user_id");--> statement-breakpoint
CREATE INDEX "reputation_badge_awards_user_idx" ON "reputation_badge_awards" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reputation_badges_workspace_key" ON "reputation_badges" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "reputation_redemptions_queue_idx" ON "reputation_redemptions" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "reputation_redemptions_user_idx" ON "reputation_redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reputation_redemptions_open_key" ON "reputation_redemptions" USING btree ("reward_id","user_id") WHERE status = 'requested';--> statement-breakpoint
CREATE UNIQUE INDEX "reputation_ledger_cause_key" ON "reputation_ledger" USING btree ("user_id","cause_key");--> statement-breakpoint
CREATE UNIQUE INDEX "reputation_ledger_reverses_key" ON "reputation_ledger" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "reputation_ledger_user_idx" ON "reputation_ledger" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "reputation_ledger_workspace_idx" ON "reputation_ledger" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "reputation_ledger_post_idx" ON "reputation_ledger" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "reputation_ledger_actor_idx" ON "reputation_ledger" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "reputation_totals_board_idx" ON "reputation_totals" USING btree ("workspace_id","points");--> statement-breakpoint
CREATE INDEX "reputation_rewards_workspace_idx" ON "reputation_rewards" USING btree ("workspace_id","active");--> statement-breakpoint
CREATE INDEX "reputation_serial_voting_cases_idx" ON "reputation_serial_voting_cases" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "reputation_vote_origins_origin_idx" ON "reputation_vote_origins" USING btree ("origin");