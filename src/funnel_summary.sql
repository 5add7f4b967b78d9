
-- ---------------------------------------------------------------------
-- funnel_summary: mergeable drop-off summary of a funnel
-- ---------------------------------------------------------------------

CREATE TYPE journey.funnel_summary;

CREATE FUNCTION journey.funnel_summary_in(cstring) RETURNS journey.funnel_summary
	AS 'MODULE_PATHNAME', 'funnel_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_out(journey.funnel_summary) RETURNS cstring
	AS 'MODULE_PATHNAME', 'funnel_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_recv(internal) RETURNS journey.funnel_summary
	AS 'MODULE_PATHNAME', 'funnel_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_send(journey.funnel_summary) RETURNS bytea
	AS 'MODULE_PATHNAME', 'funnel_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE journey.funnel_summary (
	INPUT = journey.funnel_summary_in,
	OUTPUT = journey.funnel_summary_out,
	RECEIVE = journey.funnel_summary_recv,
	SEND = journey.funnel_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE journey.funnel_summary IS 'customers per deepest funnel level: -1 excluded, 0 never started, 1..N steps reached (int64 counts); text {level:count,...}/N';
COMMENT ON FUNCTION journey.funnel_summary_in(cstring) IS 'text input of funnel_summary: {level:count,...}/steps';
COMMENT ON FUNCTION journey.funnel_summary_out(journey.funnel_summary) IS 'text output of funnel_summary, zero counts omitted; round-trips exactly';
COMMENT ON FUNCTION journey.funnel_summary_recv(internal) IS 'binary input of funnel_summary (version byte, steps byte, N + 2 big-endian int64 counts)';
COMMENT ON FUNCTION journey.funnel_summary_send(journey.funnel_summary) IS 'binary output of funnel_summary (version byte, steps byte, N + 2 big-endian int64 counts)';

-- = and <> (with a hash operator class): the same summary: same number of steps and customers at every level (the same text form).
-- DISTINCT, UNION, GROUP BY, IS DISTINCT FROM and hash partitioning work on
-- funnel_summary columns; there is no ordering, so ORDER BY and sort-based plans do not.
CREATE FUNCTION journey.funnel_summary_eq(journey.funnel_summary, journey.funnel_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'funnel_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_ne(journey.funnel_summary, journey.funnel_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'funnel_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_hash(journey.funnel_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'funnel_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_hash_extended(journey.funnel_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'funnel_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR journey.= (
	LEFTARG = journey.funnel_summary, RIGHTARG = journey.funnel_summary, FUNCTION = journey.funnel_summary_eq,
	COMMUTATOR = OPERATOR(journey.=), NEGATOR = OPERATOR(journey.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR journey.<> (
	LEFTARG = journey.funnel_summary, RIGHTARG = journey.funnel_summary, FUNCTION = journey.funnel_summary_ne,
	COMMUTATOR = OPERATOR(journey.<>), NEGATOR = OPERATOR(journey.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS journey.funnel_summary_hash_ops DEFAULT FOR TYPE journey.funnel_summary USING hash AS
	OPERATOR 1 journey.= (journey.funnel_summary, journey.funnel_summary),
	FUNCTION 1 journey.funnel_summary_hash(journey.funnel_summary),
	FUNCTION 2 journey.funnel_summary_hash_extended(journey.funnel_summary, bigint);

COMMENT ON FUNCTION journey.funnel_summary_eq(journey.funnel_summary, journey.funnel_summary) IS 'implementation of = for funnel_summary: the same summary: same number of steps and customers at every level (the same text form)';
COMMENT ON FUNCTION journey.funnel_summary_ne(journey.funnel_summary, journey.funnel_summary) IS 'implementation of <> for funnel_summary';
COMMENT ON FUNCTION journey.funnel_summary_hash(journey.funnel_summary) IS 'hash support function of funnel_summary_hash_ops: equal values hash alike';
COMMENT ON FUNCTION journey.funnel_summary_hash_extended(journey.funnel_summary, bigint) IS 'seeded 64-bit hash support function of funnel_summary_hash_ops (hash partitioning); its low 32 bits at seed 0 are funnel_summary_hash';
COMMENT ON OPERATOR journey.= (journey.funnel_summary, journey.funnel_summary) IS 'the same summary: same number of steps and customers at every level (the same text form)';
COMMENT ON OPERATOR journey.<> (journey.funnel_summary, journey.funnel_summary) IS 'not equal (see =)';
COMMENT ON OPERATOR CLASS journey.funnel_summary_hash_ops USING hash IS 'equality of funnel_summary for hash joins, hash aggregation, DISTINCT and UNION';
COMMENT ON OPERATOR FAMILY journey.funnel_summary_hash_ops USING hash IS 'the hash operator family of funnel_summary (its one operator class)';

CREATE FUNCTION journey.funnel_summary_trans(journey.funnel_summary, integer, integer) RETURNS journey.funnel_summary
	AS 'MODULE_PATHNAME', 'funnel_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_combine(journey.funnel_summary, journey.funnel_summary) RETURNS journey.funnel_summary
	AS 'MODULE_PATHNAME', 'funnel_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_summary_rollup_trans(journey.funnel_summary, journey.funnel_summary) RETURNS journey.funnel_summary
	AS 'MODULE_PATHNAME', 'funnel_summary_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION journey.funnel_summary_trans(journey.funnel_summary, integer, integer) IS 'transition function of funnel_summary(level, steps): counts one customer at its level';
COMMENT ON FUNCTION journey.funnel_summary_combine(journey.funnel_summary, journey.funnel_summary) IS 'combine function: adds two partial funnel summaries';
COMMENT ON FUNCTION journey.funnel_summary_rollup_trans(journey.funnel_summary, journey.funnel_summary) IS 'transition function of rollup(funnel_summary): adds a stored summary';

CREATE AGGREGATE journey.funnel_summary(integer, integer) (
	SFUNC = journey.funnel_summary_trans, STYPE = journey.funnel_summary,
	COMBINEFUNC = journey.funnel_summary_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.rollup(journey.funnel_summary) (
	SFUNC = journey.funnel_summary_rollup_trans, STYPE = journey.funnel_summary,
	COMBINEFUNC = journey.funnel_summary_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE journey.funnel_summary(integer, integer) IS 'counts customers per funnel level (-1..steps) of a funnel of steps 1..32; NULL levels ignored, empty input gives NULL';
COMMENT ON AGGREGATE journey.rollup(journey.funnel_summary) IS 'adds stored funnel summaries exactly (the same number of steps required)';

CREATE FUNCTION journey.funnel_steps(journey.funnel_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'funnel_summary_steps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_level_count(journey.funnel_summary, level integer) RETURNS bigint
	AS 'MODULE_PATHNAME', 'funnel_summary_level_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_reached(journey.funnel_summary, step integer) RETURNS bigint
	AS 'MODULE_PATHNAME', 'funnel_summary_reached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.funnel_report(s journey.funnel_summary, labels text[] DEFAULT NULL,
		OUT step integer, OUT label text, OUT reached bigint, OUT pct_of_first float8,
		OUT pct_of_previous float8, OUT dropped bigint, OUT drop_rate float8,
		OUT never_started bigint, OUT excluded bigint)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'funnel_summary_report' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 8;
CREATE FUNCTION journey.funnel_chart(s journey.funnel_summary, labels text[] DEFAULT NULL, width integer DEFAULT 40)
	RETURNS SETOF text
	AS 'MODULE_PATHNAME', 'funnel_summary_chart' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 8;

COMMENT ON FUNCTION journey.funnel_steps(journey.funnel_summary) IS 'number of steps N of the funnel';
COMMENT ON FUNCTION journey.funnel_level_count(journey.funnel_summary, integer) IS 'customers whose deepest level is exactly level (-1 excluded, 0 never started)';
COMMENT ON FUNCTION journey.funnel_reached(journey.funnel_summary, integer) IS 'customers who reached the step (level >= step)';
COMMENT ON FUNCTION journey.funnel_report(journey.funnel_summary, text[]) IS 'per step: customers reached, percent of step 1, percent of the previous step, dropped count and drop rate (percent), with the customers who never started and those excluded on every row; no rows for a NULL summary';
COMMENT ON FUNCTION journey.funnel_chart(journey.funnel_summary, text[], integer) IS 'text bar chart of a funnel, one line per step: label, reached, percent of step 1, bar proportional to reached; no lines for a NULL summary';
