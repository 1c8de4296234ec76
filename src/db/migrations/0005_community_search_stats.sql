CREATE TABLE "community_lexeme_stats" (
	"workspace_id" uuid NOT NULL,
	"lexeme" text NOT NULL,
	"documents" integer NOT NULL,
	CONSTRAINT "community_lexeme_stats_workspace_id_lexeme_pk" PRIMARY KEY("workspace_id","lexeme")
);
--> statement-breakpoint
CREATE TABLE "community_search_stats" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_lexeme_stats" ADD CONSTRAINT "community_lexeme_stats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_search_stats" ADD CONSTRAINT "community_search_stats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;