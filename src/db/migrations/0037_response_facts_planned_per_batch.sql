-- The response facts of a bulk insert of messages (0028), with each set-based statement
-- planned when it runs. PL/pgSQL keeps a statement's plan for the whole session, made
-- with the table sizes of its first run: on a young database (few conversations) that
-- plan scanned all conversations once per inserted row, which grew with every batch.
-- EXECUTE plans against the tables as they are; the rules are those of 0028.
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
  EXECUTE $q$
    SELECT coalesce(array_agg(DISTINCT n.conversation_id), '{}')
      FROM new_rows n JOIN conversations c ON c.id = n.conversation_id
     WHERE n.direction = 'inbound' AND c.solved_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM response_facts f WHERE f.conversation_id = n.conversation_id) $q$
    INTO fresh;
  FOR m IN EXECUTE $q$
    SELECT n.* FROM new_rows n
     WHERE n.direction IN ('inbound', 'outbound')
       AND NOT (n.direction = 'inbound' AND n.conversation_id = ANY($1))
       AND NOT (n.direction = 'inbound' AND EXISTS (
         SELECT 1 FROM (SELECT f.started_at, f.resolved_at FROM response_facts f
                         WHERE f.conversation_id = n.conversation_id
                         ORDER BY f.started_at DESC LIMIT 1) w
          WHERE w.resolved_at IS NULL AND n.created_at >= w.started_at)) $q$
    USING fresh
  LOOP
    PERFORM response_facts_for_message(m);
  END LOOP;
  -- After the loop: its replies are stored either way, and the first reply of a new
  -- wave is looked up in the messages table.
  EXECUTE $q$
    INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                                started_at, first_reply_at, resolved_at)
    SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, s.t,
           response_reply_at(c.id, s.t, NULL), NULL
      FROM (SELECT n.conversation_id, min(n.created_at) AS t FROM new_rows n
             WHERE n.direction = 'inbound' AND n.conversation_id = ANY($1)
             GROUP BY n.conversation_id) s
      JOIN conversations c ON c.id = s.conversation_id
      JOIN channels ch ON ch.id = c.channel_id $q$
    USING fresh;
  RETURN NULL;
END
$$;
