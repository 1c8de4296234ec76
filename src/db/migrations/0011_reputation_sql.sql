-- The reputation ledger is append-only: a correction is a new, compensating row.
-- Updates are refused outright; deleting rows is left to cascades (an erased account).
CREATE OR REPLACE FUNCTION reputation_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'reputation_ledger is append-only; add a compensating row instead';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reputation_ledger_no_update ON reputation_ledger;
--> statement-breakpoint
CREATE TRIGGER reputation_ledger_no_update BEFORE UPDATE ON reputation_ledger
  FOR EACH ROW EXECUTE FUNCTION reputation_ledger_append_only();
