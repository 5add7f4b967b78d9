
-- ---------------------------------------------------------------------
-- Next-step and path analysis (funnels.md 7): the edges of a Sankey
-- diagram around an anchor event
-- ---------------------------------------------------------------------

-- Two entry points share one implementation.  journey.path_edges works on
-- one customer's events passed as two arrays, so any table can use it
-- (array_agg ... GROUP BY customer, then LATERAL); journey.paths runs it over
-- journey.events and counts the edges.  Both are plain set-returning
-- functions with fixed columns, so psql and BI tools read them as rows.
-- Everything is written in SQL and PL/pgSQL: no C, and no dynamic SQL (the
-- event column of journey.events is chosen by a CASE over a fixed list).

-- The argument checks both functions share.  Errors are 22023
-- (invalid_parameter_value) and name the value and what is accepted.
CREATE FUNCTION journey.path_check_args(max_depth integer, direction text, occurrence text,
		session_timeout interval, path_window interval, collapse_repeats boolean)
	RETURNS void
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	arg_name text;
	arg interval;
BEGIN
	IF max_depth IS NULL OR max_depth < 1 OR max_depth > 1000 THEN
		RAISE EXCEPTION 'max_depth % is out of range 1..1000', COALESCE(max_depth::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF direction IS NULL OR direction NOT IN ('forward', 'backward') THEN
		RAISE EXCEPTION 'unknown direction %: expected forward or backward', COALESCE('"' || direction || '"', 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF occurrence IS NULL OR occurrence NOT IN ('first', 'last', 'every') THEN
		RAISE EXCEPTION 'unknown occurrence %: expected first, last or every', COALESCE('"' || occurrence || '"', 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF collapse_repeats IS NULL THEN
		RAISE EXCEPTION 'collapse_repeats is NULL: expected true or false'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the two lengths follow the session_number rules (funnels.md 6): a day
	-- is exactly 24 hours, a month part is refused, negative is refused;
	-- NULL means no cut
	FOREACH arg_name IN ARRAY ARRAY['session_timeout', 'path_window'] LOOP
		arg := CASE arg_name WHEN 'session_timeout' THEN session_timeout ELSE path_window END;
		CONTINUE WHEN arg IS NULL;
		IF pg_catalog.date_part('month', arg) <> 0 OR pg_catalog.date_part('year', arg) <> 0 THEN
			RAISE EXCEPTION '% % has a month or year part: expected days, hours or smaller units', arg_name, arg
				USING ERRCODE = 'invalid_parameter_value',
				      HINT = 'A month has no fixed length: give the length in days or hours.';
		END IF;
		IF arg < '0'::interval THEN
			RAISE EXCEPTION '% % is negative: expected a length of 0 or more, or NULL for none', arg_name, arg
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	END LOOP;
END
$$;

COMMENT ON FUNCTION journey.path_check_args(integer, text, text, interval, interval, boolean) IS 'argument checks shared by journey.path_edges and journey.paths: raises 22023 naming the bad value and what is accepted';

CREATE FUNCTION journey.path_edges(ts timestamptz[], events text[], anchor text,
		max_depth integer DEFAULT 3, direction text DEFAULT 'forward', occurrence text DEFAULT 'first',
		session_timeout interval DEFAULT NULL, path_window interval DEFAULT NULL,
		collapse_repeats boolean DEFAULT false,
		OUT path integer, OUT anchor_at timestamptz, OUT depth integer,
		OUT from_event text, OUT to_event text)
	RETURNS SETOF record
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 10
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	st timestamptz[];	-- usable rows in journey order
	se text[];
	n integer;
	qt timestamptz[] := '{}';	-- the sequence paths walk on, with session numbers
	qe text[] := '{}';
	qs integer[] := '{}';
	m integer := 0;
	sess integer := 1;
	brk boolean;
	step integer := CASE WHEN direction = 'backward' THEN -1 ELSE 1 END;
	k integer := 0;		-- occurrence number of the current anchor
	anchors integer[] := '{}';	-- positions of the anchors to walk from
	numbers integer[] := '{}';	-- and their occurrence numbers
	p integer;
	x integer;
	stop boolean;
BEGIN
	PERFORM journey.path_check_args(max_depth, direction, occurrence, session_timeout, path_window,
	                                collapse_repeats);
	IF pg_catalog.cardinality(ts) <> pg_catalog.cardinality(events) THEN
		RAISE EXCEPTION 'ts has % elements but events has %: expected arrays of the same length',
			pg_catalog.cardinality(ts), pg_catalog.cardinality(events)
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- usable rows (no NULL time or event) in journey order: time, then the
	-- event text in byte order, so ties never depend on input order
	SELECT pg_catalog.array_agg(u.t ORDER BY u.t, u.e COLLATE pg_catalog."C"),
	       pg_catalog.array_agg(u.e ORDER BY u.t, u.e COLLATE pg_catalog."C")
	INTO st, se
	FROM ROWS FROM (pg_catalog.unnest(ts), pg_catalog.unnest(events)) AS u(t, e)
	WHERE u.t IS NOT NULL AND u.e IS NOT NULL;
	n := COALESCE(pg_catalog.cardinality(st), 0);

	-- sessions: a gap longer than session_timeout opens one (strictly
	-- greater, as session_number); an infinite timestamp is an infinite gap
	-- unless both are the same infinity.  A repeat of the previous event in
	-- the same session is dropped when collapsing.
	FOR i IN 1..n LOOP
		brk := false;
		IF i > 1 AND session_timeout IS NOT NULL THEN
			IF pg_catalog.isfinite(st[i]) AND pg_catalog.isfinite(st[i - 1]) THEN
				brk := st[i] - st[i - 1] > session_timeout;
			ELSE
				brk := st[i] > st[i - 1];
			END IF;
			IF brk THEN
				sess := sess + 1;
			END IF;
		END IF;
		CONTINUE WHEN collapse_repeats AND i > 1 AND NOT brk AND se[i] = se[i - 1];
		m := m + 1;
		qt[m] := st[i];
		qe[m] := se[i];
		qs[m] := sess;
	END LOOP;

	-- the anchors whose paths are walked: the first, the last or every one,
	-- with their occurrence numbers
	FOR a IN 1..m LOOP
		CONTINUE WHEN anchor IS NOT NULL AND qe[a] <> anchor;
		k := k + 1;
		IF occurrence = 'last' THEN
			anchors := ARRAY[a];
			numbers := ARRAY[k];
		ELSE
			anchors := anchors || a;
			numbers := numbers || k;
			EXIT WHEN occurrence = 'first';
		END IF;
	END LOOP;

	-- each path: positions anchor + d (forward) or anchor - d (backward),
	-- d = 1..max_depth; it ends at the first position that does not exist,
	-- lies in another session or further than path_window from the anchor
	-- (inclusive), with one edge to NULL
	FOR j IN 1..COALESCE(pg_catalog.cardinality(anchors), 0) LOOP
		p := anchors[j];
		path := numbers[j];
		anchor_at := qt[p];
		from_event := qe[p];
		FOR d IN 1..max_depth LOOP
			depth := d;
			x := p + step * d;
			IF x < 1 OR x > m OR qs[x] <> qs[p] THEN
				stop := true;
			ELSIF path_window IS NULL THEN
				stop := false;
			ELSIF pg_catalog.isfinite(qt[x]) AND pg_catalog.isfinite(qt[p]) THEN
				stop := (qt[x] - qt[p]) * step > path_window;
			ELSE
				stop := qt[x] <> qt[p];
			END IF;
			IF stop THEN
				to_event := NULL;
				RETURN NEXT;
				EXIT;
			END IF;
			to_event := qe[x];
			RETURN NEXT;
			from_event := to_event;
		END LOOP;
	END LOOP;
END
$$;

COMMENT ON FUNCTION journey.path_edges(timestamptz[], text[], text, integer, text, text, interval, interval, boolean) IS 'one customer''s paths around an anchor event (NULL: any event), from parallel arrays of times and events: per path (occurrence number of its anchor), the edges depth d-1 -> d up to max_depth, forward or backward, from the first, last or every anchor; NULL to_event = the path ended (journey end, session_timeout gap, path_window); NULL times and events ignored, ties ordered by event text in byte order';

CREATE FUNCTION journey.paths(anchor text,
		max_depth integer DEFAULT 3, direction text DEFAULT 'forward', occurrence text DEFAULT 'first',
		session_timeout interval DEFAULT NULL, path_window interval DEFAULT NULL,
		collapse_repeats boolean DEFAULT false, event_column text DEFAULT 'touchpoint',
		from_time timestamptz DEFAULT NULL, to_time timestamptz DEFAULT NULL,
		OUT depth integer, OUT from_event text, OUT to_event text,
		OUT customers bigint, OUT paths bigint)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM journey.path_check_args(max_depth, direction, occurrence, session_timeout, path_window,
	                                collapse_repeats);
	IF event_column IS NULL OR event_column NOT IN ('touchpoint', 'event_type', 'stage', 'channel') THEN
		RAISE EXCEPTION 'unknown event column %: expected touchpoint, event_type, stage or channel',
			COALESCE('"' || event_column || '"', 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF from_time > to_time THEN
		RAISE EXCEPTION 'from_time % is after to_time %: expected an ordered time range', from_time, to_time
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- each customer's events as two arrays (customers without the anchor
	-- skipped), their paths from path_edges, and the edges counted: paths =
	-- one per anchor, customers = distinct customers (the same number under
	-- first and last, which give at most one path per customer)
	RETURN QUERY
	SELECT pe.depth, pe.from_event, pe.to_event,
	       CASE WHEN occurrence = 'every' THEN pg_catalog.count(DISTINCT ce.customer_id)
	            ELSE pg_catalog.count(*) END,
	       pg_catalog.count(*)
	FROM (
		SELECT ev.customer_id,
		       pg_catalog.array_agg(ev.occurred_at ORDER BY ev.occurred_at, ev.e COLLATE pg_catalog."C") AS ts,
		       pg_catalog.array_agg(ev.e ORDER BY ev.occurred_at, ev.e COLLATE pg_catalog."C") AS es
		FROM (
			SELECT x.customer_id, x.occurred_at,
			       CASE event_column WHEN 'touchpoint' THEN x.touchpoint WHEN 'event_type' THEN x.event_type
			                         WHEN 'stage' THEN x.stage WHEN 'channel' THEN x.channel END AS e
			FROM journey.events AS x
			WHERE (from_time IS NULL OR x.occurred_at >= from_time)
			  AND (to_time IS NULL OR x.occurred_at < to_time)
		) AS ev
		WHERE ev.e IS NOT NULL
		GROUP BY ev.customer_id
		HAVING anchor IS NULL OR pg_catalog.bool_or(ev.e = anchor)
	) AS ce
	CROSS JOIN LATERAL journey.path_edges(ce.ts, ce.es, anchor, max_depth, direction, occurrence,
	                                      session_timeout, path_window, collapse_repeats) AS pe
	GROUP BY pe.depth, pe.from_event, pe.to_event
	ORDER BY pe.depth, pe.from_event COLLATE pg_catalog."C", pe.to_event COLLATE pg_catalog."C" NULLS LAST;
END
$$;

COMMENT ON FUNCTION journey.paths(text, integer, text, text, interval, interval, boolean, text, timestamptz, timestamptz) IS 'Sankey edges of journey.events around an anchor event (NULL: any event): depth, from_event (depth - 1, 0 = the anchor), to_event (NULL = path ended), customers and paths (one per anchor; equal under first and last); event column touchpoint (default), event_type, stage or channel; optional [from_time, to_time) filter';
