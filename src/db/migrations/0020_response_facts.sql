CREATE TABLE "response_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"channel" "channel_kind" NOT NULL,
	"team_id" uuid,
	"priority" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"first_reply_at" timestamp with time zone,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "response_facts" ADD CONSTRAINT "response_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_facts" ADD CONSTRAINT "response_facts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_facts" ADD CONSTRAINT "response_facts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_facts_range_idx" ON "response_facts" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE INDEX "response_facts_conversation_idx" ON "response_facts" USING btree ("conversation_id","started_at");--> statement-breakpoint
-- The first agent reply in [after_t, before_t): notes, failed sends and hilft's own
-- messages (out-of-hours replies, personal-data notices) answer nobody.
CREATE OR REPLACE FUNCTION response_reply_at(conv uuid, after_t timestamptz, before_t timestamptz)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT min(m.created_at) FROM messages m
   WHERE m.conversation_id = conv AND m.direction = 'outbound'
     AND m.created_at >= after_t AND (before_t IS NULL OR m.created_at < before_t)
     AND m.delivery_status IS DISTINCT FROM 'failed'
     AND NOT (m.meta ? 'autoReply' OR m.meta ? 'automated')
$$;
--> statement-breakpoint
-- A customer message opens a wave when the conversation has none yet or its latest wave
-- was solved before the message (a reopen: first response starts again). A reply ends
-- the first-response part of the wave it falls in. Rows of one INSERT may come in any
-- order, so a new wave looks for a reply already stored.
CREATE OR REPLACE FUNCTION messages_response_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w response_facts%ROWTYPE;
BEGIN
  IF NEW.direction = 'inbound' THEN
    SELECT * INTO w FROM response_facts
     WHERE conversation_id = NEW.conversation_id ORDER BY started_at DESC LIMIT 1;
    IF w.id IS NULL OR (w.resolved_at IS NOT NULL AND NEW.created_at >= w.resolved_at) THEN
      INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                                  started_at, first_reply_at, resolved_at)
      SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, NEW.created_at,
             response_reply_at(c.id, NEW.created_at, NULL),
             CASE WHEN c.solved_at >= NEW.created_at THEN c.solved_at END
        FROM conversations c JOIN channels ch ON ch.id = c.channel_id
       WHERE c.id = NEW.conversation_id;
    ELSIF NEW.created_at < w.started_at AND NOT EXISTS (
      SELECT 1 FROM response_facts p
       WHERE p.conversation_id = NEW.conversation_id AND p.started_at < w.started_at) THEN
      -- An earlier message stored late moves the start of the first wave.
      UPDATE response_facts
         SET started_at = NEW.created_at,
             first_reply_at = response_reply_at(NEW.conversation_id, NEW.created_at, NULL)
       WHERE id = w.id;
    END IF;
  ELSIF NEW.delivery_status IS DISTINCT FROM 'failed'
        AND NOT (NEW.meta ? 'autoReply' OR NEW.meta ? 'automated') THEN
    UPDATE response_facts SET first_reply_at = NEW.created_at
     WHERE id = (SELECT id FROM response_facts
                  WHERE conversation_id = NEW.conversation_id AND started_at <= NEW.created_at
                  ORDER BY started_at DESC LIMIT 1)
       AND (first_reply_at IS NULL OR first_reply_at > NEW.created_at);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_response_facts
  AFTER INSERT ON messages FOR EACH ROW
  WHEN (NEW.direction IN ('inbound', 'outbound'))
  EXECUTE FUNCTION messages_response_facts();
--> statement-breakpoint
-- A reply that fails (or turns out to be automatic) stops counting: the wave it fell in
-- looks for its first reply again.
CREATE OR REPLACE FUNCTION messages_response_facts_recheck() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE response_facts f
     SET first_reply_at = response_reply_at(f.conversation_id, f.started_at,
           (SELECT min(n.started_at) FROM response_facts n
             WHERE n.conversation_id = f.conversation_id AND n.started_at > f.started_at))
   WHERE f.id = (SELECT id FROM response_facts
                  WHERE conversation_id = NEW.conversation_id AND started_at <= NEW.created_at
                  ORDER BY started_at DESC LIMIT 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_response_facts_recheck
  AFTER UPDATE OF delivery_status, meta ON messages FOR EACH ROW
  WHEN (NEW.direction = 'outbound'
        AND ((coalesce(NEW.delivery_status::text, '') = 'failed') <> (coalesce(OLD.delivery_status::text, '') = 'failed')
             OR (NEW.meta ? 'autoReply' OR NEW.meta ? 'automated') <> (OLD.meta ? 'autoReply' OR OLD.meta ? 'automated')))
  EXECUTE FUNCTION messages_response_facts_recheck();
--> statement-breakpoint
-- Solving, reopening by hand, routing and priority changes land on the latest wave.
CREATE OR REPLACE FUNCTION conversations_response_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE response_facts f
     SET team_id = NEW.team_id,
         priority = NEW.priority,
         resolved_at = CASE
           WHEN NEW.solved_at IS NOT DISTINCT FROM OLD.solved_at THEN f.resolved_at
           WHEN NEW.solved_at >= f.started_at THEN NEW.solved_at END
   WHERE f.id = (SELECT id FROM response_facts WHERE conversation_id = NEW.id
                  ORDER BY started_at DESC LIMIT 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_response_facts
  AFTER UPDATE OF solved_at, team_id, priority ON conversations FOR EACH ROW
  WHEN (NEW.solved_at IS DISTINCT FROM OLD.solved_at OR NEW.team_id IS DISTINCT FROM OLD.team_id
        OR NEW.priority IS DISTINCT FROM OLD.priority)
  EXECUTE FUNCTION conversations_response_facts();
--> statement-breakpoint
-- Conversations stored before the facts existed: one wave each (earlier reopens left no
-- trace to rebuild them from).
INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                            started_at, first_reply_at, resolved_at)
SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, fi.t,
       response_reply_at(c.id, fi.t, NULL),
       CASE WHEN c.solved_at >= fi.t THEN c.solved_at END
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN LATERAL (SELECT min(m.created_at) AS t FROM messages m
                 WHERE m.conversation_id = c.id AND m.direction = 'inbound') fi ON fi.t IS NOT NULL;
