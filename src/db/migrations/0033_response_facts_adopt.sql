-- Messages moved into a conversation (replies that arrived before their parent join its
-- thread): the conversations they left lose their waves with them, and the moved
-- messages go through the per-message rules in the conversation they joined, oldest
-- first, as if they had arrived there late: an earlier customer message moves the start
-- of its first wave, a reply answers the wave it falls in, a message after a solution
-- opens a new wave.
CREATE OR REPLACE FUNCTION response_facts_moved(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m messages%ROWTYPE;
BEGIN
  FOR m IN SELECT * FROM messages WHERE id = ANY(ids) ORDER BY created_at, id LOOP
    PERFORM response_facts_for_message(m);
  END LOOP;
END
$$;
