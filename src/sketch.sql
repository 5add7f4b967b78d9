
-- ---------------------------------------------------------------------
-- quantile_sketch: a mergeable relative-error percentile sketch
-- ---------------------------------------------------------------------

CREATE TYPE journey.quantile_sketch;

CREATE FUNCTION journey.quantile_sketch_in(cstring) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_out(journey.quantile_sketch) RETURNS cstring
	AS 'MODULE_PATHNAME', 'quantile_sketch_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_recv(internal) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_send(journey.quantile_sketch) RETURNS bytea
	AS 'MODULE_PATHNAME', 'quantile_sketch_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE journey.quantile_sketch (
	INPUT = journey.quantile_sketch_in,
	OUTPUT = journey.quantile_sketch_out,
	RECEIVE = journey.quantile_sketch_recv,
	SEND = journey.quantile_sketch_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE journey.quantile_sketch IS 'relative-error quantile sketch (DDSketch-style logarithmic buckets): every percentile within the relative error alpha of the true value; exact merge';
COMMENT ON FUNCTION journey.quantile_sketch_in(cstring) IS 'text input of quantile_sketch: ddsketch/2 alpha=... count=... zeros=... min=... max=... sum=... [sum_rest=...] [pos=K:c,...] [neg=K:c,...] [collapsed] (FORMAT.md; ddsketch/1 is read too)';
COMMENT ON FUNCTION journey.quantile_sketch_out(journey.quantile_sketch) IS 'text output of quantile_sketch, shortest exact doubles; round-trips exactly';
COMMENT ON FUNCTION journey.quantile_sketch_recv(internal) IS 'binary input of quantile_sketch (FORMAT.md)';
COMMENT ON FUNCTION journey.quantile_sketch_send(journey.quantile_sketch) IS 'binary output of quantile_sketch (FORMAT.md)';

-- = and <> (with a hash operator class): the same sketch: same relative error, counts, buckets, min, max and exact sum (the same text form, but -0 = 0).
-- DISTINCT, UNION, GROUP BY, IS DISTINCT FROM and hash partitioning work on
-- quantile_sketch columns; there is no ordering, so ORDER BY and sort-based plans do not.
CREATE FUNCTION journey.quantile_sketch_eq(journey.quantile_sketch, journey.quantile_sketch) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quantile_sketch_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_ne(journey.quantile_sketch, journey.quantile_sketch) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quantile_sketch_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_hash(journey.quantile_sketch) RETURNS integer
	AS 'MODULE_PATHNAME', 'quantile_sketch_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_hash_extended(journey.quantile_sketch, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quantile_sketch_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR journey.= (
	LEFTARG = journey.quantile_sketch, RIGHTARG = journey.quantile_sketch, FUNCTION = journey.quantile_sketch_eq,
	COMMUTATOR = OPERATOR(journey.=), NEGATOR = OPERATOR(journey.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR journey.<> (
	LEFTARG = journey.quantile_sketch, RIGHTARG = journey.quantile_sketch, FUNCTION = journey.quantile_sketch_ne,
	COMMUTATOR = OPERATOR(journey.<>), NEGATOR = OPERATOR(journey.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS journey.quantile_sketch_hash_ops DEFAULT FOR TYPE journey.quantile_sketch USING hash AS
	OPERATOR 1 journey.= (journey.quantile_sketch, journey.quantile_sketch),
	FUNCTION 1 journey.quantile_sketch_hash(journey.quantile_sketch),
	FUNCTION 2 journey.quantile_sketch_hash_extended(journey.quantile_sketch, bigint);

COMMENT ON FUNCTION journey.quantile_sketch_eq(journey.quantile_sketch, journey.quantile_sketch) IS 'implementation of = for quantile_sketch: the same sketch: same relative error, counts, buckets, min, max and exact sum (the same text form, but -0 = 0)';
COMMENT ON FUNCTION journey.quantile_sketch_ne(journey.quantile_sketch, journey.quantile_sketch) IS 'implementation of <> for quantile_sketch';
COMMENT ON FUNCTION journey.quantile_sketch_hash(journey.quantile_sketch) IS 'hash support function of quantile_sketch_hash_ops: equal values hash alike';
COMMENT ON FUNCTION journey.quantile_sketch_hash_extended(journey.quantile_sketch, bigint) IS 'seeded 64-bit hash support function of quantile_sketch_hash_ops (hash partitioning); its low 32 bits at seed 0 are quantile_sketch_hash';
COMMENT ON OPERATOR journey.= (journey.quantile_sketch, journey.quantile_sketch) IS 'the same sketch: same relative error, counts, buckets, min, max and exact sum (the same text form, but -0 = 0)';
COMMENT ON OPERATOR journey.<> (journey.quantile_sketch, journey.quantile_sketch) IS 'not equal (see =)';
COMMENT ON OPERATOR CLASS journey.quantile_sketch_hash_ops USING hash IS 'equality of quantile_sketch for hash joins, hash aggregation, DISTINCT and UNION';
COMMENT ON OPERATOR FAMILY journey.quantile_sketch_hash_ops USING hash IS 'the hash operator family of quantile_sketch (its one operator class)';

CREATE FUNCTION journey.quantile_sketch_trans(journey.quantile_sketch, float8) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_trans(journey.quantile_sketch, float8, float8) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_trans_alpha' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_trans_p(journey.quantile_sketch, float8, float8) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_trans_p' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_combine(journey.quantile_sketch, journey.quantile_sketch) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_rollup_trans(journey.quantile_sketch, journey.quantile_sketch) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_final(journey.quantile_sketch) RETURNS journey.quantile_sketch
	AS 'MODULE_PATHNAME', 'quantile_sketch_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.quantile_sketch_final_percentile(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_final_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.quantile_sketch_trans(journey.quantile_sketch, float8) IS 'transition function of percentile_agg(value): adds a finite value';
COMMENT ON FUNCTION journey.quantile_sketch_trans(journey.quantile_sketch, float8, float8) IS 'transition function of percentile_agg(value, relative_error)';
COMMENT ON FUNCTION journey.quantile_sketch_trans_p(journey.quantile_sketch, float8, float8) IS 'transition function of approx_percentile(value, p)';
COMMENT ON FUNCTION journey.quantile_sketch_combine(journey.quantile_sketch, journey.quantile_sketch) IS 'combine function: merges two partial sketches exactly (bucket counts add)';
COMMENT ON FUNCTION journey.quantile_sketch_rollup_trans(journey.quantile_sketch, journey.quantile_sketch) IS 'transition function of rollup(quantile_sketch): merges a stored sketch';
COMMENT ON FUNCTION journey.quantile_sketch_final(journey.quantile_sketch) IS 'final function: the compact stored form of a working sketch';
COMMENT ON FUNCTION journey.quantile_sketch_final_percentile(journey.quantile_sketch) IS 'final function of approx_percentile(value, p)';

-- Accessors: plain IMMUTABLE STRICT PARALLEL SAFE functions, so they work
-- on stored sketches in views.

CREATE FUNCTION journey.approx_percentile(journey.quantile_sketch, p float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.approx_percentiles(journey.quantile_sketch, p float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'quantile_sketch_percentiles' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.approx_percentile_rank(journey.quantile_sketch, value float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_rank' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.benchmark_percentile(value float8, peers journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_benchmark_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_count(journey.quantile_sketch) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quantile_sketch_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_min(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_max(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_sum(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_sum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_mean(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_relative_error(journey.quantile_sketch) RETURNS float8
	AS 'MODULE_PATHNAME', 'quantile_sketch_relative_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sketch_collapsed(journey.quantile_sketch) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quantile_sketch_collapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.approx_percentile(journey.quantile_sketch, float8) IS 'estimate of percentile_disc(p) within the sketch''s relative error; p = 0 and 1 give the exact min and max';
COMMENT ON FUNCTION journey.approx_percentiles(journey.quantile_sketch, float8[]) IS 'approx_percentile for each p of an array (NULL p gives NULL)';
COMMENT ON FUNCTION journey.approx_percentile_rank(journey.quantile_sketch, float8) IS 'fraction 0..1 of values below value''s bucket plus half of those in it (mid-rank at bucket resolution); 0 below min, 1 above max';
COMMENT ON FUNCTION journey.benchmark_percentile(float8, journey.quantile_sketch) IS 'percentile rank (percent, mid-rank at bucket resolution) of a value among the values of a stored sketch';
COMMENT ON FUNCTION journey.sketch_count(journey.quantile_sketch) IS 'number of values in the sketch';
COMMENT ON FUNCTION journey.sketch_min(journey.quantile_sketch) IS 'exact smallest value';
COMMENT ON FUNCTION journey.sketch_max(journey.quantile_sketch) IS 'exact largest value';
COMMENT ON FUNCTION journey.sketch_sum(journey.quantile_sketch) IS 'sum of the values, kept exactly and correctly rounded: the same in serial and parallel plans and after any rollup';
COMMENT ON FUNCTION journey.sketch_mean(journey.quantile_sketch) IS 'mean of the values: sketch_sum / sketch_count, the same in serial and parallel plans and after any rollup';
COMMENT ON FUNCTION journey.sketch_relative_error(journey.quantile_sketch) IS 'the relative error alpha the sketch was built with';
COMMENT ON FUNCTION journey.sketch_collapsed(journey.quantile_sketch) IS 'true when more than 16384 buckets were needed and those nearest zero were merged (the error bound then holds only away from zero)';

-- Aggregates.  The state is the sketch itself (not internal).

CREATE AGGREGATE journey.percentile_agg(float8) (
	SFUNC = journey.quantile_sketch_trans, STYPE = journey.quantile_sketch,
	FINALFUNC = journey.quantile_sketch_final, COMBINEFUNC = journey.quantile_sketch_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.percentile_agg(float8, float8) (
	SFUNC = journey.quantile_sketch_trans, STYPE = journey.quantile_sketch,
	FINALFUNC = journey.quantile_sketch_final, COMBINEFUNC = journey.quantile_sketch_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.rollup(journey.quantile_sketch) (
	SFUNC = journey.quantile_sketch_rollup_trans, STYPE = journey.quantile_sketch,
	FINALFUNC = journey.quantile_sketch_final, COMBINEFUNC = journey.quantile_sketch_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.approx_percentile(float8, float8) (
	SFUNC = journey.quantile_sketch_trans_p, STYPE = journey.quantile_sketch,
	FINALFUNC = journey.quantile_sketch_final_percentile, COMBINEFUNC = journey.quantile_sketch_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE journey.percentile_agg(float8) IS 'builds a quantile_sketch of finite values at 1 % relative error; NULLs ignored, empty input gives NULL';
COMMENT ON AGGREGATE journey.percentile_agg(float8, float8) IS 'builds a quantile_sketch at the given relative error (0.001 .. 0.1)';
COMMENT ON AGGREGATE journey.rollup(journey.quantile_sketch) IS 'merges stored quantile sketches exactly (same relative error required)';
COMMENT ON AGGREGATE journey.approx_percentile(float8, float8) IS 'one-step estimate of percentile_disc(p) within 1 % relative error';
