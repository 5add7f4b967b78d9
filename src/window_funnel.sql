
-- ---------------------------------------------------------------------
-- Windowed funnel (funnels.md 1 to 3): window_funnel, window_funnel_times
-- ---------------------------------------------------------------------

-- SSPACE: the planner's guess of a state's size.  Without it an internal
-- state counts as 8 kB per group, and a GROUP BY customer over 100 000
-- customers is planned as a spilling hash aggregate.  A customer with a
-- few dozen matching events needs a few hundred bytes.

CREATE FUNCTION journey.window_funnel_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'window_funnel_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'window_funnel_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_times_final(internal) RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'window_funnel_times_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_times_ts_final(internal) RETURNS timestamp[]
	AS 'MODULE_PATHNAME', 'window_funnel_times_ts_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION journey.window_funnel_combine(internal, internal) IS 'combine function of window_funnel and window_funnel_times: concatenates the rows of two partial states';
COMMENT ON FUNCTION journey.window_funnel_serialize(internal) IS 'serialisation of the window_funnel state for parallel workers';
COMMENT ON FUNCTION journey.window_funnel_deserialize(bytea, internal) IS 'deserialisation of the window_funnel state for parallel workers';
COMMENT ON FUNCTION journey.window_funnel_final(internal) IS 'final function of window_funnel: the deepest step reached (funnels.md 1.4), -1 when excluded';
COMMENT ON FUNCTION journey.window_funnel_times_final(internal) IS 'final function of window_funnel_times for timestamptz: the step times of the reported attempt';
COMMENT ON FUNCTION journey.window_funnel_times_ts_final(internal) IS 'final function of window_funnel_times for timestamp: the step times of the reported attempt';

-- timestamptz input
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, bool[]) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, VARIADIC bool[]) IS 'windowed funnel (timestamptz, default mode): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, VARIADIC bool[]) IS 'time to convert (timestamptz, default mode): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, bool[]) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, VARIADIC bool[]) IS 'windowed funnel (timestamptz, with a mode): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, VARIADIC bool[]) IS 'time to convert (timestamptz, with a mode): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, bool[], bool[], integer[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, bool[], bool[], integer[]) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode and exclusion steps): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, bool[], bool[], integer[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, bool[], bool[], integer[]) IS 'windowed funnel (timestamptz, with a mode and exclusion steps): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, bool[], bool[], integer[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, bool[], bool[], integer[]) IS 'time to convert (timestamptz, with a mode and exclusion steps): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';

-- timestamp input
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, bool[]) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, VARIADIC bool[]) IS 'windowed funnel (timestamp, default mode): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, VARIADIC bool[]) IS 'time to convert (timestamp, default mode): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, bool[]) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, VARIADIC bool[]) IS 'windowed funnel (timestamp, with a mode): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, VARIADIC bool[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, VARIADIC bool[]) IS 'time to convert (timestamp, with a mode): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, bool[], bool[], integer[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, bool[], bool[], integer[]) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode and exclusion steps): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, bool[], bool[], integer[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, bool[], bool[], integer[]) IS 'windowed funnel (timestamp, with a mode and exclusion steps): the deepest step k such that steps 1..k happened in order inside the conversion window measured from step 1 (ClickHouse windowFunnel semantics, funnels.md 1); 0 when step 1 never happened, -1 when excluded, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, bool[], bool[], integer[]) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, bool[], bool[], integer[]) IS 'time to convert (timestamp, with a mode and exclusion steps): the step times of the reported attempt (funnels.md 2): the chain that first reached the deepest step, latest start; empty array at level 0, NULL for no rows or an excluded customer';

-- Fixed-arity forms: 1 to 8 steps as separate boolean arguments.  A call
-- with that many steps resolves to them instead of the VARIADIC forms
-- (PostgreSQL prefers the non-variadic function of the same schema), which
-- saves building a boolean array per row.  Same semantics, same state.
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 1 step as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean) IS 'windowed funnel (timestamptz, default mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean) IS 'time to convert (timestamptz, default mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 2 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean) IS 'time to convert (timestamptz, default mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 3 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 4 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 5 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 6 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 7 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, default mode, 8 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, default mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, default mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 1 step as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean) IS 'windowed funnel (timestamptz, with a mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean) IS 'time to convert (timestamptz, with a mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 2 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 3 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 4 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 5 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 6 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 7 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamptz, with a mode, 8 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamptz, with a mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamptz, with a mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 1 step as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean) IS 'windowed funnel (timestamp, default mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean) IS 'time to convert (timestamp, default mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 2 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean) IS 'time to convert (timestamp, default mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 3 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 4 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 5 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 6 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 7 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, default mode, 8 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, default mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, default mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 1 step as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean) IS 'windowed funnel (timestamp, with a mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean) IS 'time to convert (timestamp, with a mode, 1 step): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 2 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean) IS 'time to convert (timestamp, with a mode, 2 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 3 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 3 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 4 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 4 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 5 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 5 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 6 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 6 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 7 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 7 steps): same as the VARIADIC form, without an array per row';
CREATE FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans_mode_bools' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_trans(internal, interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'transition function of window_funnel and window_funnel_times (timestamp, with a mode, 8 steps as separate arguments)';
CREATE AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'windowed funnel (timestamp, with a mode, 8 steps): same as the VARIADIC form, without an array per row';
CREATE AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) (
	SFUNC = journey.window_funnel_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_times(interval, text, timestamp, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) IS 'time to convert (timestamp, with a mode, 8 steps): same as the VARIADIC form, without an array per row';

-- Event-value forms: step i is event = steps[i] (the type's default
-- equality; a NULL event or step matches nothing), compared in C rather
-- than by one boolean expression per step and row.  Same semantics and
-- state as window_funnel; no exclusion steps (use the boolean form).
CREATE FUNCTION journey.window_funnel_events_trans(internal, interval, timestamptz, anycompatible, anycompatiblearray) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_events_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_events_trans(internal, interval, timestamptz, anycompatible, anycompatiblearray) IS 'transition function of window_funnel_events and window_funnel_events_times (timestamptz, default mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel_events(interval, timestamptz, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events(interval, timestamptz, anycompatible, VARIADIC anycompatiblearray) IS 'windowed funnel over event values (timestamptz, default mode): window_funnel with step i being event = steps[i]; the deepest step reached in order inside the conversion window, 0 when step 1 never happened, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_events_times(interval, timestamptz, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events_times(interval, timestamptz, anycompatible, VARIADIC anycompatiblearray) IS 'time to convert over event values (timestamptz, default mode): window_funnel_times with step i being event = steps[i]; empty array at level 0, NULL for no rows';
CREATE FUNCTION journey.window_funnel_events_trans(internal, interval, text, timestamptz, anycompatible, anycompatiblearray) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_events_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_events_trans(internal, interval, text, timestamptz, anycompatible, anycompatiblearray) IS 'transition function of window_funnel_events and window_funnel_events_times (timestamptz, with a mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel_events(interval, text, timestamptz, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events(interval, text, timestamptz, anycompatible, VARIADIC anycompatiblearray) IS 'windowed funnel over event values (timestamptz, with a mode): window_funnel with step i being event = steps[i]; the deepest step reached in order inside the conversion window, 0 when step 1 never happened, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_events_times(interval, text, timestamptz, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events_times(interval, text, timestamptz, anycompatible, VARIADIC anycompatiblearray) IS 'time to convert over event values (timestamptz, with a mode): window_funnel_times with step i being event = steps[i]; empty array at level 0, NULL for no rows';
CREATE FUNCTION journey.window_funnel_events_trans(internal, interval, timestamp, anycompatible, anycompatiblearray) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_events_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_events_trans(internal, interval, timestamp, anycompatible, anycompatiblearray) IS 'transition function of window_funnel_events and window_funnel_events_times (timestamp, default mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel_events(interval, timestamp, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events(interval, timestamp, anycompatible, VARIADIC anycompatiblearray) IS 'windowed funnel over event values (timestamp, default mode): window_funnel with step i being event = steps[i]; the deepest step reached in order inside the conversion window, 0 when step 1 never happened, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_events_times(interval, timestamp, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events_times(interval, timestamp, anycompatible, VARIADIC anycompatiblearray) IS 'time to convert over event values (timestamp, default mode): window_funnel_times with step i being event = steps[i]; empty array at level 0, NULL for no rows';
CREATE FUNCTION journey.window_funnel_events_trans(internal, interval, text, timestamp, anycompatible, anycompatiblearray) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_events_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.window_funnel_events_trans(internal, interval, text, timestamp, anycompatible, anycompatiblearray) IS 'transition function of window_funnel_events and window_funnel_events_times (timestamp, with a mode): keeps the time and matched steps of each usable row';
CREATE AGGREGATE journey.window_funnel_events(interval, text, timestamp, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events(interval, text, timestamp, anycompatible, VARIADIC anycompatiblearray) IS 'windowed funnel over event values (timestamp, with a mode): window_funnel with step i being event = steps[i]; the deepest step reached in order inside the conversion window, 0 when step 1 never happened, NULL for no rows';
CREATE AGGREGATE journey.window_funnel_events_times(interval, text, timestamp, anycompatible, VARIADIC anycompatiblearray) (
	SFUNC = journey.window_funnel_events_trans, STYPE = internal, SSPACE = 512,
	FINALFUNC = journey.window_funnel_times_ts_final,
	COMBINEFUNC = journey.window_funnel_combine,
	SERIALFUNC = journey.window_funnel_serialize, DESERIALFUNC = journey.window_funnel_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events_times(interval, text, timestamp, anycompatible, VARIADIC anycompatiblearray) IS 'time to convert over event values (timestamp, with a mode): window_funnel_times with step i being event = steps[i]; empty array at level 0, NULL for no rows';
