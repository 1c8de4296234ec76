-- Response facts for a bulk insert of messages, in a few set-based statements instead of
-- several queries per row (ingest stores hundreds of messages per statement). Same
-- results as applying the per-message rules of 0020 to each row:
--  * a conversation with no wave yet and not solved gets one wave starting at its
--    earliest new customer message (later ones of the same insert would only have moved
--    the start earlier), with the first reply already stored, the insert's included;
--  * a customer message in a conversation whose latest wave is still open and started
--    before it changes nothing;
--  * every other row (replies, reopens, late earlier messages) goes through the
--    per-message rules, one by one in insert order.
CREATE OR REPLACE FUNCTION response_facts_for_message(m messages) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  w response_facts%ROWTYPE;
BEGIN
  IF m.direction = 'inbound' THEN
    SELECT * INTO w FROM response_facts
     WHERE conversation_id = m.conversation_id ORDER BY started_at DESC LIMIT 1;
    IF w.id IS NULL OR (w.resolved_at IS NOT NULL AND m.created_at >= w.resolved_at) THEN
      INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                                  started_at, first_reply_at, resolved_at)
      SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, m.created_at,
             response_reply_at(c.id, m.created_at, NULL),
             CASE WHEN c.solved_at >= m.created_at THEN c.solved_at END
        FROM conversations c JOIN channels ch ON ch.id = c.channel_id
       WHERE c.id = m.conversation_id;
    ELSIF m.created_at < w.started_at AND NOT EXISTS (
      SELECT 1 FROM response_facts p
       WHERE p.conversation_id = m.conversation_id AND p.started_at < w.started_at) THEN
      UPDATE response_facts
         SET started_at = m.created_at,
             first_reply_at = response_reply_at(m.conversation_id, m.created_at, NULL)
       WHERE id = w.id;
    END IF;
  ELSIF m.direction = 'outbound' AND m.delivery_status IS DISTINCT FROM 'failed'
        AND NOT (m.meta ? 'autoReply' OR m.meta ? 'automated') THEN
    UPDATE response_facts SET first_reply_at = m.created_at
     WHERE id = (SELECT id FROM response_facts
                  WHERE conversation_id = m.conversation_id AND started_at <= m.created_at
                  ORDER BY started_at DESC LIMIT 1)
       AND (first_reply_at IS NULL OR first_reply_at > m.created_at);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION messages_response_facts_batch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m messages%ROWTYPE;
  fresh uuid[];
BEGIN
  -- One message (an agent's reply, the careful ingest path): the rules as they are.
  IF (SELECT count(*) FROM new_rows) = 1 THEN
    SELECT * INTO m FROM new_rows;
    PERFORM response_facts_for_message(m);
    RETURN NULL;
  END IF;
  -- Conversations new to the facts: no wave yet, not solved, a customer message here.
  SELECT coalesce(array_agg(DISTINCT n.conversation_id), '{}') INTO fresh
    FROM new_rows n JOIN conversations c ON c.id = n.conversation_id
   WHERE n.direction = 'inbound' AND c.solved_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM response_facts f WHERE f.conversation_id = n.conversation_id);
  FOR m IN
    SELECT n.* FROM new_rows n
     WHERE n.direction IN ('inbound', 'outbound')
       AND NOT (n.direction = 'inbound' AND n.conversation_id = ANY(fresh))
       AND NOT (n.direction = 'inbound' AND EXISTS (
         SELECT 1 FROM (SELECT f.started_at, f.resolved_at FROM response_facts f
                         WHERE f.conversation_id = n.conversation_id
                         ORDER BY f.started_at DESC LIMIT 1) w
          WHERE w.resolved_at IS NULL AND n.created_at >= w.started_at))
  LOOP
    PERFORM response_facts_for_message(m);
  END LOOP;
  -- After the loop: its replies are stored either way, and the first reply of a new
  -- wave is looked up in the messages table.
  INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                              started_at, first_reply_at, resolved_at)
  SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, s.t,
         response_reply_at(c.id, s.t, NULL), NULL
    FROM (SELECT n.conversation_id, min(n.created_at) AS t FROM new_rows n
           WHERE n.direction = 'inbound' AND n.conversation_id = ANY(fresh)
           GROUP BY n.conversation_id) s
    JOIN conversations c ON c.id = s.conversation_id
    JOIN channels ch ON ch.id = c.channel_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS messages_response_facts ON messages;
--> statement-breakpoint
CREATE TRIGGER messages_response_facts
  AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_response_facts_batch();
--> statement-breakpoint
DROP FUNCTION IF EXISTS messages_response_facts();
