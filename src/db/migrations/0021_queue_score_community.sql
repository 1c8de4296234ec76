ALTER TABLE "conversations" ADD COLUMN "queue_score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "community_question_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_community_question_id_community_questions_id_fk" FOREIGN KEY ("community_question_id") REFERENCES "public"."community_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_community_question_key" ON "conversations" USING btree ("community_question_id");--> statement-breakpoint
-- Until the SLA task's first pass: the routing level alone.
UPDATE conversations SET queue_score = 10 * priority WHERE status IN ('new', 'open');
