
-- ---------------------------------------------------------------------
-- score_summary: the histogram of integer survey scores 0..10
-- ---------------------------------------------------------------------

CREATE TYPE journey.score_summary;

CREATE FUNCTION journey.score_summary_in(cstring) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_out(journey.score_summary) RETURNS cstring
	AS 'MODULE_PATHNAME', 'score_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_recv(internal) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_send(journey.score_summary) RETURNS bytea
	AS 'MODULE_PATHNAME', 'score_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE journey.score_summary (
	INPUT = journey.score_summary_in,
	OUTPUT = journey.score_summary_out,
	RECEIVE = journey.score_summary_recv,
	SEND = journey.score_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE journey.score_summary IS 'histogram of integer survey scores 0..10 (int64 counts, optional 1..scale scale); text form {score:count,...}[/scale]';
COMMENT ON FUNCTION journey.score_summary_in(cstring) IS 'text input of score_summary: {score:count,...}[/scale]';
COMMENT ON FUNCTION journey.score_summary_out(journey.score_summary) IS 'text output of score_summary, zero counts omitted; round-trips exactly';
COMMENT ON FUNCTION journey.score_summary_recv(internal) IS 'binary input of score_summary (version byte, scale byte, 11 big-endian int64 counts)';
COMMENT ON FUNCTION journey.score_summary_send(journey.score_summary) IS 'binary output of score_summary (version byte, scale byte, 11 big-endian int64 counts)';

-- = and <> (with a hash operator class): the same histogram: same counts of every score and same scale (the same text form).
-- DISTINCT, UNION, GROUP BY, IS DISTINCT FROM and hash partitioning work on
-- score_summary columns; there is no ordering, so ORDER BY and sort-based plans do not.
CREATE FUNCTION journey.score_summary_eq(journey.score_summary, journey.score_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'score_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_ne(journey.score_summary, journey.score_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'score_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_hash(journey.score_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'score_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_hash_extended(journey.score_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR journey.= (
	LEFTARG = journey.score_summary, RIGHTARG = journey.score_summary, FUNCTION = journey.score_summary_eq,
	COMMUTATOR = OPERATOR(journey.=), NEGATOR = OPERATOR(journey.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR journey.<> (
	LEFTARG = journey.score_summary, RIGHTARG = journey.score_summary, FUNCTION = journey.score_summary_ne,
	COMMUTATOR = OPERATOR(journey.<>), NEGATOR = OPERATOR(journey.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS journey.score_summary_hash_ops DEFAULT FOR TYPE journey.score_summary USING hash AS
	OPERATOR 1 journey.= (journey.score_summary, journey.score_summary),
	FUNCTION 1 journey.score_summary_hash(journey.score_summary),
	FUNCTION 2 journey.score_summary_hash_extended(journey.score_summary, bigint);

COMMENT ON FUNCTION journey.score_summary_eq(journey.score_summary, journey.score_summary) IS 'implementation of = for score_summary: the same histogram: same counts of every score and same scale (the same text form)';
COMMENT ON FUNCTION journey.score_summary_ne(journey.score_summary, journey.score_summary) IS 'implementation of <> for score_summary';
COMMENT ON FUNCTION journey.score_summary_hash(journey.score_summary) IS 'hash support function of score_summary_hash_ops: equal values hash alike';
COMMENT ON FUNCTION journey.score_summary_hash_extended(journey.score_summary, bigint) IS 'seeded 64-bit hash support function of score_summary_hash_ops (hash partitioning); its low 32 bits at seed 0 are score_summary_hash';
COMMENT ON OPERATOR journey.= (journey.score_summary, journey.score_summary) IS 'the same histogram: same counts of every score and same scale (the same text form)';
COMMENT ON OPERATOR journey.<> (journey.score_summary, journey.score_summary) IS 'not equal (see =)';
COMMENT ON OPERATOR CLASS journey.score_summary_hash_ops USING hash IS 'equality of score_summary for hash joins, hash aggregation, DISTINCT and UNION';
COMMENT ON OPERATOR FAMILY journey.score_summary_hash_ops USING hash IS 'the hash operator family of score_summary (its one operator class)';

-- Transition, inverse and combine functions.  They are called by the
-- aggregates below and refuse to run outside an aggregate.

CREATE FUNCTION journey.score_summary_trans(journey.score_summary, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_scale_trans(journey.score_summary, integer, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_scale_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.nps_trans(journey.score_summary, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'nps_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.csat_trans(journey.score_summary, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'csat_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.csat_scale_trans(journey.score_summary, integer, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'csat_scale_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.ces_trans(journey.score_summary, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'ces_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_inv(journey.score_summary, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_inv(journey.score_summary, integer, integer) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_combine(journey.score_summary, journey.score_summary) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_rollup_trans(journey.score_summary, journey.score_summary) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_rollup_inv(journey.score_summary, journey.score_summary) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_rollup_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.score_summary_nonempty(journey.score_summary) RETURNS journey.score_summary
	AS 'MODULE_PATHNAME', 'score_summary_nonempty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.score_summary_trans(journey.score_summary, integer) IS 'transition function of score_summary(score): adds a 0..10 score';
COMMENT ON FUNCTION journey.score_summary_scale_trans(journey.score_summary, integer, integer) IS 'transition function of score_summary(score, scale): adds a 1..scale score';
COMMENT ON FUNCTION journey.nps_trans(journey.score_summary, integer) IS 'transition function of nps(score): adds a 0..10 NPS score';
COMMENT ON FUNCTION journey.csat_trans(journey.score_summary, integer) IS 'transition function of csat(score): adds a 1..5 CSAT score';
COMMENT ON FUNCTION journey.csat_scale_trans(journey.score_summary, integer, integer) IS 'transition function of csat(score, scale): adds a 1..scale CSAT score';
COMMENT ON FUNCTION journey.ces_trans(journey.score_summary, integer) IS 'transition function of ces(score): adds a 1..7 CES 2.0 score';
COMMENT ON FUNCTION journey.score_summary_inv(journey.score_summary, integer) IS 'moving-aggregate inverse: removes a score from a window frame';
COMMENT ON FUNCTION journey.score_summary_inv(journey.score_summary, integer, integer) IS 'moving-aggregate inverse: removes a score from a window frame';
COMMENT ON FUNCTION journey.score_summary_combine(journey.score_summary, journey.score_summary) IS 'combine function: adds two partial score summaries (parallel and partial aggregation)';
COMMENT ON FUNCTION journey.score_summary_rollup_trans(journey.score_summary, journey.score_summary) IS 'transition function of rollup(score_summary): adds a stored summary';
COMMENT ON FUNCTION journey.score_summary_rollup_inv(journey.score_summary, journey.score_summary) IS 'moving-aggregate inverse of rollup(score_summary)';
COMMENT ON FUNCTION journey.score_summary_nonempty(journey.score_summary) IS 'moving final function: NULL once a window frame holds no response';

-- Accessors.  They double as the final functions of the one-step
-- aggregates, so a stored summary and a direct call give the same number.

CREATE FUNCTION journey.responses(journey.score_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.promoters(journey.score_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.passives(journey.score_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.detractors(journey.score_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_count(journey.score_summary, score integer) RETURNS bigint
	AS 'MODULE_PATHNAME', 'score_summary_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_scale(journey.score_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'score_summary_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.nps(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.nps_se(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_nps_se' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.csat(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.csat(journey.score_summary, scale integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.ces(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_ces' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.mean_score(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_stddev(journey.score_summary) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_percentile_disc(journey.score_summary, p float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_percentile_disc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.score_percentile_cont(journey.score_summary, p float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_summary_percentile_cont' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.responses(journey.score_summary) IS 'number of responses in a score summary';
COMMENT ON FUNCTION journey.promoters(journey.score_summary) IS 'number of NPS promoters (scores 9..10)';
COMMENT ON FUNCTION journey.passives(journey.score_summary) IS 'number of NPS passives (scores 7..8)';
COMMENT ON FUNCTION journey.detractors(journey.score_summary) IS 'number of NPS detractors (scores 0..6)';
COMMENT ON FUNCTION journey.score_count(journey.score_summary, integer) IS 'number of responses with exactly the given score';
COMMENT ON FUNCTION journey.score_scale(journey.score_summary) IS 'the 1..scale scale a summary was built on (5, 7 or 10), NULL for a plain 0..10 summary';
COMMENT ON FUNCTION journey.nps(journey.score_summary) IS 'Net Promoter Score in points (-100..100): 100 (promoters - detractors) / responses; NULL when empty';
COMMENT ON FUNCTION journey.nps_se(journey.score_summary) IS 'standard error of NPS in points: 100 sqrt((p + d - (p - d)^2) / n), population form';
COMMENT ON FUNCTION journey.csat(journey.score_summary) IS 'CSAT percent top-2-box on the summary''s scale (default 1..5); NULL when empty';
COMMENT ON FUNCTION journey.csat(journey.score_summary, integer) IS 'CSAT percent top-2-box on a 1..scale scale (5, 7 or 10); NULL when empty';
COMMENT ON FUNCTION journey.ces(journey.score_summary) IS 'CES 2.0 percent agree: 100 #(5..7) / responses on 1..7; NULL when empty';
COMMENT ON FUNCTION journey.mean_score(journey.score_summary) IS 'mean score; NULL when empty';
COMMENT ON FUNCTION journey.score_stddev(journey.score_summary) IS 'sample standard deviation of the scores (n - 1); NULL below 2 responses';
COMMENT ON FUNCTION journey.score_percentile_disc(journey.score_summary, float8) IS 'exact discrete percentile of the scores, equal to percentile_disc(p) WITHIN GROUP (ORDER BY score)';
COMMENT ON FUNCTION journey.score_percentile_cont(journey.score_summary, float8) IS 'exact interpolated percentile of the scores, equal to percentile_cont(p) WITHIN GROUP (ORDER BY score)';

-- Statistics.

CREATE FUNCTION journey.nps_ci(s journey.score_summary, confidence float8 DEFAULT 0.95,
		method text DEFAULT 'adjusted-wald', OUT low float8, OUT high float8)
	AS 'MODULE_PATHNAME', 'score_summary_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.nps_test(a journey.score_summary, b journey.score_summary,
		method text DEFAULT 'adjusted-wald', OUT difference float8, OUT z float8, OUT p_value float8)
	AS 'MODULE_PATHNAME', 'score_summary_nps_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.nps_test(s journey.score_summary, benchmark float8,
		alternative text DEFAULT 'greater', method text DEFAULT 'adjusted-wald',
		OUT difference float8, OUT z float8, OUT p_value float8)
	AS 'MODULE_PATHNAME', 'score_summary_nps_test_benchmark' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.csat_ci(s journey.score_summary, confidence float8 DEFAULT 0.95,
		OUT low float8, OUT high float8)
	AS 'MODULE_PATHNAME', 'score_summary_csat_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.csat_ci(s journey.score_summary, scale integer, confidence float8 DEFAULT 0.95,
		OUT low float8, OUT high float8)
	AS 'MODULE_PATHNAME', 'score_summary_csat_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.ces_ci(s journey.score_summary, confidence float8 DEFAULT 0.95,
		OUT low float8, OUT high float8)
	AS 'MODULE_PATHNAME', 'score_summary_ces_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.nps_ci(journey.score_summary, float8, text) IS 'two-sided confidence interval of NPS in points, method adjusted-wald (Rocks 2016, default) or wald; bounds clipped to -100..100';
COMMENT ON FUNCTION journey.nps_test(journey.score_summary, journey.score_summary, text) IS 'two-sample z test of NPS for independent samples: difference b - a in points, z, two-sided p-value';
COMMENT ON FUNCTION journey.nps_test(journey.score_summary, float8, text, text) IS 'one-sided z test of NPS against a benchmark in points: difference NPS - benchmark, z, p-value for alternative greater or less';
COMMENT ON FUNCTION journey.csat_ci(journey.score_summary, float8) IS 'Wilson score interval of CSAT top-2-box percent on the summary''s scale (default 1..5)';
COMMENT ON FUNCTION journey.csat_ci(journey.score_summary, integer, float8) IS 'Wilson score interval of CSAT top-2-box percent on a 1..scale scale';
COMMENT ON FUNCTION journey.ces_ci(journey.score_summary, float8) IS 'Wilson score interval of CES 2.0 percent agree (5..7 on 1..7)';

-- Aggregates.  The state is the score_summary itself (not internal), so
-- EXPLAIN shows Partial/Finalize plans and Citus pushes them down.  In
-- window frames (moving mode) the state starts as the empty summary '{}',
-- because a moving transition may not return NULL; the moving final
-- functions return NULL for a frame without responses.

CREATE AGGREGATE journey.score_summary(integer) (
	SFUNC = journey.score_summary_trans, STYPE = journey.score_summary,
	COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.score_summary_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.score_summary_nonempty,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.score_summary(integer, integer) (
	SFUNC = journey.score_summary_scale_trans, STYPE = journey.score_summary,
	COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.score_summary_scale_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.score_summary_nonempty,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.rollup(journey.score_summary) (
	SFUNC = journey.score_summary_rollup_trans, STYPE = journey.score_summary,
	COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.score_summary_rollup_trans, MINVFUNC = journey.score_summary_rollup_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.score_summary_nonempty,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.nps(integer) (
	SFUNC = journey.nps_trans, STYPE = journey.score_summary,
	FINALFUNC = journey.nps, COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.nps_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.nps,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.csat(integer) (
	SFUNC = journey.csat_trans, STYPE = journey.score_summary,
	FINALFUNC = journey.csat, COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.csat_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.csat,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.csat(integer, integer) (
	SFUNC = journey.csat_scale_trans, STYPE = journey.score_summary,
	FINALFUNC = journey.csat, COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.csat_scale_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.csat,
	PARALLEL = SAFE
);
CREATE AGGREGATE journey.ces(integer) (
	SFUNC = journey.ces_trans, STYPE = journey.score_summary,
	FINALFUNC = journey.ces, COMBINEFUNC = journey.score_summary_combine,
	MSFUNC = journey.ces_trans, MINVFUNC = journey.score_summary_inv,
	MSTYPE = journey.score_summary, MINITCOND = '{}', MFINALFUNC = journey.ces,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE journey.score_summary(integer) IS 'builds a score_summary of 0..10 scores; NULLs ignored, empty input gives NULL';
COMMENT ON AGGREGATE journey.score_summary(integer, integer) IS 'builds a score_summary of 1..scale scores (scale 5, 7 or 10), recording the scale';
COMMENT ON AGGREGATE journey.rollup(journey.score_summary) IS 'pools stored score summaries exactly by adding their counts';
COMMENT ON AGGREGATE journey.nps(integer) IS 'Net Promoter Score in points (-100..100) of 0..10 scores';
COMMENT ON AGGREGATE journey.csat(integer) IS 'CSAT percent top-2-box (4..5) of 1..5 scores';
COMMENT ON AGGREGATE journey.csat(integer, integer) IS 'CSAT percent top-2-box of 1..scale scores (scale 5, 7 or 10)';
COMMENT ON AGGREGATE journey.ces(integer) IS 'CES 2.0 percent agree (5..7) of 1..7 scores';
