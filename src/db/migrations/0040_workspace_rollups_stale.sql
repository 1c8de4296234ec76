ALTER TABLE "workspaces" ADD COLUMN "rollups_stale_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rollups_rebuild_started_at" timestamp with time zone;