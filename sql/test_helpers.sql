-- Helpers shared by the later test files (they run in the same database).

-- the plan nodes of a query that show partial aggregation and parallel
-- workers, as one sorted list
CREATE FUNCTION plan_nodes(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	found text[] := '{}';
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		IF line ~ '(Partial \w*Aggregate|Gather|Parallel Seq Scan|Parallel Append)' THEN
			found := found || substring(line from '(Partial \w*Aggregate|Gather( Merge)?|Parallel Seq Scan|Parallel Append)');
		END IF;
	END LOOP;
	RETURN array_to_string(ARRAY(SELECT DISTINCT unnest(found) ORDER BY 1), ', ');
END $$;

-- feed bytes to a type's binary input: a binary COPY file whose one field
-- holds payload, read into the one-column table tbl; 'accepted', or the
-- SQLSTATE, message and detail of the error
CREATE FUNCTION try_recv(tbl regclass, payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', payload, '/tmp/journey_try_recv.bin');
	EXECUTE format('COPY %s FROM %L (FORMAT binary)', tbl, '/tmp/journey_try_recv.bin');
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ': ' || detail;
END $$;
