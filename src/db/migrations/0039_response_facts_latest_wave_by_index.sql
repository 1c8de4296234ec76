-- A conversation's solved_at, team and priority follow to its latest wave (0036), with
-- the latest wave found through the index on (conversation_id, started_at), one lookup
-- per changed conversation. Before, all waves were joined and sorted to pick the latest,
-- and the facts to update were found by scanning the whole table: a routed batch paid
-- for every wave ever stored. Same rows updated, same values.
CREATE OR REPLACE FUNCTION conversations_response_facts_batch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (message counts, queue scores, assignments) change none of the three.
  IF NOT EXISTS (
    SELECT 1 FROM new_conversations n JOIN old_conversations o ON o.id = n.id
     WHERE n.solved_at IS DISTINCT FROM o.solved_at OR n.team_id IS DISTINCT FROM o.team_id
        OR n.priority IS DISTINCT FROM o.priority) THEN
    RETURN NULL;
  END IF;
  EXECUTE $q$
    UPDATE response_facts f
       SET team_id = x.team_id,
           priority = x.priority,
           resolved_at = CASE
             WHEN x.solved_at IS NOT DISTINCT FROM x.old_solved_at THEN f.resolved_at
             WHEN x.solved_at >= f.started_at THEN x.solved_at END
      FROM (SELECT (SELECT l.id FROM response_facts l WHERE l.conversation_id = n.id
                     ORDER BY l.started_at DESC LIMIT 1) AS id,
                   n.team_id, n.priority, n.solved_at, o.solved_at AS old_solved_at
              FROM new_conversations n
              JOIN old_conversations o ON o.id = n.id
             WHERE n.solved_at IS DISTINCT FROM o.solved_at OR n.team_id IS DISTINCT FROM o.team_id
                OR n.priority IS DISTINCT FROM o.priority
            OFFSET 0) x
     WHERE f.id = x.id $q$;
  RETURN NULL;
END
$$;
