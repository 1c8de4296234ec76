ALTER TABLE "community_questions" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "community_questions" ADD COLUMN "close_note" text;