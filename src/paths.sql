
-- ---------------------------------------------------------------------
-- Next-step and path analysis (funnels.md 7): the edges of a Sankey
-- diagram around an anchor event
-- ---------------------------------------------------------------------

-- Two entry points share one implementation.  journey.path_edges (C,
-- src/paths.c) works on one customer's events passed as two arrays, so any
-- table can use it (array_agg ... GROUP BY customer, then LATERAL);
-- journey.paths runs it over journey.events and counts the edges.  Both
-- are plain set-returning functions with fixed columns, so psql and BI
-- tools read them as rows.  journey.paths has no dynamic SQL: the event
-- column of journey.events is chosen by a CASE over a fixed list.

-- The argument checks both functions share (the C code of path_edges).
-- Errors are 22023 (invalid_parameter_value) and name the value and what
-- is accepted.
CREATE FUNCTION journey.path_check_args(max_depth integer, direction text, occurrence text,
		session_timeout interval, path_window interval, collapse_repeats boolean)
	RETURNS void
	AS 'MODULE_PATHNAME', 'journey_path_check_args'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION journey.path_check_args(integer, text, text, interval, interval, boolean) IS 'argument checks shared by journey.path_edges and journey.paths: raises 22023 naming the bad value and what is accepted';

CREATE FUNCTION journey.path_edges(ts timestamptz[], events text[], anchor text,
		max_depth integer DEFAULT 3, direction text DEFAULT 'forward', occurrence text DEFAULT 'first',
		session_timeout interval DEFAULT NULL, path_window interval DEFAULT NULL,
		collapse_repeats boolean DEFAULT false,
		OUT path integer, OUT anchor_at timestamptz, OUT depth integer,
		OUT from_event text, OUT to_event text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'journey_path_edges'
	LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;

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
		-- the two arrays list a group's rows in the same order (the
		-- aggregates of one group read the same rows in the same order);
		-- path_edges sorts them
		SELECT ev.customer_id,
		       pg_catalog.array_agg(ev.occurred_at) AS ts,
		       pg_catalog.array_agg(ev.e) AS es
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
