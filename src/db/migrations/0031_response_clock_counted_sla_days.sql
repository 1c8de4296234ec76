CREATE TABLE "sla_days" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"day" date NOT NULL,
	"conversations" integer DEFAULT 0 NOT NULL,
	"first_response_met" integer DEFAULT 0 NOT NULL,
	"first_response_late" integer DEFAULT 0 NOT NULL,
	"resolution_met" integer DEFAULT 0 NOT NULL,
	"resolution_late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sla_days_workspace_id_team_id_day_pk" PRIMARY KEY("workspace_id","team_id","day")
);
--> statement-breakpoint
ALTER TABLE "response_clocks" ADD COLUMN "counted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_days" ADD CONSTRAINT "sla_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_sla_running_idx" ON "conversations" USING btree ("workspace_id","created_at") WHERE sla_started_at IS NOT NULL AND (first_response_at IS NULL OR solved_at IS NULL);