CREATE TYPE "public"."community_idea_status" AS ENUM('new', 'under_review', 'planned', 'in_progress', 'done', 'declined');--> statement-breakpoint
CREATE TABLE "community_related_questions" (
	"question_id" uuid PRIMARY KEY NOT NULL,
	"related_ids" uuid[] NOT NULL,
	"query_title" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_idea_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"status_change_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_idea_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"from_status" "community_idea_status" NOT NULL,
	"to_status" "community_idea_status" NOT NULL,
	"comment" text NOT NULL,
	"comment_html" text NOT NULL,
	"changed_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_idea_votes" (
	"idea_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_idea_votes_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "community_ideas_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"status" "community_idea_status" DEFAULT 'new' NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_ideas_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "community_boards" ADD COLUMN "kind" text DEFAULT 'questions' NOT NULL;--> statement-breakpoint
ALTER TABLE "community_questions" ADD COLUMN "page_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "community_related_questions" ADD CONSTRAINT "community_related_questions_question_id_community_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."community_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_notifications" ADD CONSTRAINT "community_idea_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_notifications" ADD CONSTRAINT "community_idea_notifications_idea_id_community_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."community_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_notifications" ADD CONSTRAINT "community_idea_notifications_status_change_id_community_idea_status_changes_id_fk" FOREIGN KEY ("status_change_id") REFERENCES "public"."community_idea_status_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_status_changes" ADD CONSTRAINT "community_idea_status_changes_idea_id_community_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."community_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_status_changes" ADD CONSTRAINT "community_idea_status_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_votes" ADD CONSTRAINT "community_idea_votes_idea_id_community_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."community_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_idea_votes" ADD CONSTRAINT "community_idea_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_ideas" ADD CONSTRAINT "community_ideas_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_ideas" ADD CONSTRAINT "community_ideas_board_id_community_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."community_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_ideas" ADD CONSTRAINT "community_ideas_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_idea_notifications_user_idx" ON "community_idea_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_idea_status_changes_idea_idx" ON "community_idea_status_changes" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "community_idea_votes_user_idx" ON "community_idea_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "community_ideas_board_votes_idx" ON "community_ideas" USING btree ("board_id","votes","created_at");--> statement-breakpoint
CREATE INDEX "community_ideas_board_created_idx" ON "community_ideas" USING btree ("board_id","created_at");--> statement-breakpoint
CREATE INDEX "community_ideas_author_idx" ON "community_ideas" USING btree ("author_id");