CREATE TABLE "response_clock_intervals" (
	"team_id" uuid NOT NULL,
	"start_ms" bigint NOT NULL,
	"end_ms" bigint NOT NULL,
	"before_ms" bigint NOT NULL,
	CONSTRAINT "response_clock_intervals_team_id_start_ms_pk" PRIMARY KEY("team_id","start_ms")
);
--> statement-breakpoint
CREATE TABLE "response_clocks" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"schedule_key" text NOT NULL,
	"covers_from" timestamp with time zone NOT NULL,
	"covers_to" timestamp with time zone NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_days" (
	"workspace_id" uuid NOT NULL,
	"clock_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" "channel_kind" NOT NULL,
	"kind" text NOT NULL,
	"bucket_ms" bigint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "response_days_workspace_id_clock_id_day_channel_kind_bucket_ms_pk" PRIMARY KEY("workspace_id","clock_id","day","channel","kind","bucket_ms")
);
--> statement-breakpoint
ALTER TABLE "response_clock_intervals" ADD CONSTRAINT "response_clock_intervals_team_id_response_clocks_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."response_clocks"("team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_clocks" ADD CONSTRAINT "response_clocks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_clocks" ADD CONSTRAINT "response_clocks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_days" ADD CONSTRAINT "response_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;