-- SLA pauses and reopens follow the conversation's status wherever it changes (agent,
-- bulk edit, reply, an inbound message): a trigger, so no path can forget it.
-- Pending on the customer opens a pause and clears the resolution clock's due times
-- (the SLA task sets them again on resume, counting the pause out); leaving pending
-- closes the pause. A solved or closed conversation that opens again is routed again
-- and starts a new SLA cycle (routed_at NULL tells the ingest pipeline).
CREATE OR REPLACE FUNCTION conversations_sla_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    n := jsonb_array_length(OLD.sla_pauses);
    IF NEW.status = 'pending' AND NEW.sla_started_at IS NOT NULL THEN
      NEW.sla_pauses := OLD.sla_pauses || jsonb_build_array(jsonb_build_object('from', now()));
      NEW.resolution_warn_at := NULL;
      NEW.resolution_due_at := NULL;
    ELSIF OLD.status = 'pending' AND n > 0 AND (OLD.sla_pauses -> (n - 1) ->> 'to') IS NULL THEN
      NEW.sla_pauses := jsonb_set(OLD.sla_pauses, ARRAY[(n - 1)::text, 'to'], to_jsonb(now()));
    END IF;
    IF OLD.status IN ('solved', 'closed') AND NEW.status IN ('new', 'open') THEN
      NEW.routed_at := NULL;
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_sla_status ON conversations;
--> statement-breakpoint
CREATE TRIGGER conversations_sla_status
  BEFORE UPDATE OF status ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversations_sla_status();
--> statement-breakpoint
-- Hourly inbound counts for the reports, one grouped upsert per INSERT statement (the
-- ingest pipeline inserts a batch in one statement), not one per row.
CREATE OR REPLACE FUNCTION messages_count_inbound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inbound_hourly (workspace_id, channel_id, hour, count)
  SELECT workspace_id, channel_id, date_trunc('hour', created_at, 'UTC'), count(*)
    FROM inserted_messages
   WHERE direction = 'inbound'
   GROUP BY 1, 2, 3
  ON CONFLICT (workspace_id, hour, channel_id)
  DO UPDATE SET count = inbound_hourly.count + EXCLUDED.count;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS messages_count_inbound ON messages;
--> statement-breakpoint
CREATE TRIGGER messages_count_inbound
  AFTER INSERT ON messages REFERENCING NEW TABLE AS inserted_messages
  FOR EACH STATEMENT EXECUTE FUNCTION messages_count_inbound();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION messages_uncount_inbound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE inbound_hourly h SET count = h.count - d.n
    FROM (SELECT workspace_id, channel_id, date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS n
            FROM deleted_messages WHERE direction = 'inbound' GROUP BY 1, 2, 3) d
   WHERE h.workspace_id = d.workspace_id AND h.channel_id = d.channel_id AND h.hour = d.hour;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS messages_uncount_inbound ON messages;
--> statement-breakpoint
CREATE TRIGGER messages_uncount_inbound
  AFTER DELETE ON messages REFERENCING OLD TABLE AS deleted_messages
  FOR EACH STATEMENT EXECUTE FUNCTION messages_uncount_inbound();
--> statement-breakpoint
-- Messages stored before the roll-up existed.
INSERT INTO inbound_hourly (workspace_id, channel_id, hour, count)
SELECT workspace_id, channel_id, date_trunc('hour', created_at, 'UTC'), count(*)
  FROM messages
 WHERE direction = 'inbound'
 GROUP BY 1, 2, 3
ON CONFLICT (workspace_id, hour, channel_id) DO UPDATE SET count = EXCLUDED.count;
