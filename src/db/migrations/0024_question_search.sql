CREATE TABLE "community_question_search" (
	"question_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"language" text NOT NULL,
	"vector" "tsvector" NOT NULL,
	"title_length" integer NOT NULL,
	"body_length" integer NOT NULL,
	"solved" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_search_stats" ADD COLUMN "average_title_length" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "community_search_stats" ADD COLUMN "average_body_length" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "community_question_search" ADD CONSTRAINT "community_question_search_question_id_community_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."community_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_question_search" ADD CONSTRAINT "community_question_search_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_question_search_vector_idx" ON "community_question_search" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "community_question_search_workspace_idx" ON "community_question_search" USING btree ("workspace_id");