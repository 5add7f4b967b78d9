/*
 * scores.c
 *		fmgr glue of journey.score_summary: type I/O, the NPS/CSAT/CES
 *		aggregates (transition, inverse, combine), accessors and statistics.
 *		The histogram itself lives in scores_core.c.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "journey.h"
#include "scores_core.h"
#include "stats.h"

/*
 * The stored value: a varlena header, the format version, three reserved
 * zero bytes and the histogram.  Fixed size; allocated with palloc0 so the
 * padding is zero and equal summaries have equal bytes (FORMAT.md).
 */
typedef struct ScoreSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved[3];
	ScoreHist	h;
} ScoreSummary;

#define SCORE_SUMMARY_SIZE		sizeof(ScoreSummary)
#define DatumGetScoreSummaryP(d) ((ScoreSummary *) PG_DETOAST_DATUM(d))
#define PG_GETARG_SCORE_SUMMARY_P(n) DatumGetScoreSummaryP(PG_GETARG_DATUM(n))

StaticAssertDecl(offsetof(ScoreSummary, h) == 8, "histogram must be 8-aligned");
StaticAssertDecl(sizeof(ScoreHist) == 8 * (1 + SCORE_NBUCKETS), "histogram has no hidden padding");

static ScoreSummary *
NewSummary(MemoryContext cxt, int scale)
{
	ScoreSummary *s = MemoryContextAllocZero(cxt, SCORE_SUMMARY_SIZE);

	SET_VARSIZE(s, SCORE_SUMMARY_SIZE);
	s->version = SCORE_FORMAT_VERSION;
	s->h.scale = (uint8) scale;
	return s;
}

/* a palloc'd summary holding a copy of h */
static ScoreSummary *
SummaryFromHist(const ScoreHist *h)
{
	ScoreSummary *s = NewSummary(CurrentMemoryContext, h->scale);

	s->h = *h;
	return s;
}

/*
 * Validate a summary read from storage or passed by the user: size, version,
 * reserved bytes and the histogram invariants.  Corruption is DATA_CORRUPTED.
 */
static void
CheckSummary(const ScoreSummary *s)
{
	char		msg[128];

	if (VARSIZE(s) != SCORE_SUMMARY_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("score_summary value has %u bytes, expected %zu",
						VARSIZE(s), SCORE_SUMMARY_SIZE)));
	if (s->version != SCORE_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("score_summary value has unknown format version %d", s->version),
				 errdetail("This build of journey reads format version %d.", SCORE_FORMAT_VERSION)));
	if (s->reserved[0] | s->reserved[1] | s->reserved[2] |
		s->h.pad[0] | s->h.pad[1] | s->h.pad[2] | s->h.pad[3] |
		s->h.pad[4] | s->h.pad[5] | s->h.pad[6])
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("score_summary value has non-zero reserved bytes")));
	if (score_hist_check(&s->h, msg, sizeof(msg)) != SCORE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted score_summary value: %s", msg)));
}

/* fetch and validate a summary argument */
static ScoreSummary *
GetSummaryArg(FunctionCallInfo fcinfo, int argno)
{
	ScoreSummary *s = PG_GETARG_SCORE_SUMMARY_P(argno);

	CheckSummary(s);
	return s;
}

/* ----------------------------------------------------------------
 * Type I/O
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(score_summary_in);
PG_FUNCTION_INFO_V1(score_summary_out);
PG_FUNCTION_INFO_V1(score_summary_recv);
PG_FUNCTION_INFO_V1(score_summary_send);

/* score_summary_in: text form {score:count,...}[/scale] */
Datum
score_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ScoreHist	h;
	char		msg[128];
	ScoreStatus st = score_hist_parse(str, &h, msg, sizeof(msg));

	if (st != SCORE_OK)
		ereport(ERROR,
				(errcode(st == SCORE_BAD_SYNTAX ? ERRCODE_INVALID_TEXT_REPRESENTATION
						 : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid input syntax for type score_summary: \"%s\"", str),
				 errdetail("%s", msg)));
	PG_RETURN_POINTER(SummaryFromHist(&h));
}

/* score_summary_out: the canonical text form, zero counts omitted */
Datum
score_summary_out(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	char		buf[512];

	score_hist_format(&s->h, buf, sizeof(buf));
	PG_RETURN_CSTRING(pstrdup(buf));
}

/* score_summary_recv: binary form; validates exactly like input */
Datum
score_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	ScoreHist	h;
	char		msg[128];
	ScoreStatus st;

	st = score_hist_decode((const uint8_t *) buf->data + buf->cursor, len, &h,
						   msg, sizeof(msg));
	if (st != SCORE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary score_summary value"),
				 errdetail("%s", msg)));
	buf->cursor = buf->len;
	PG_RETURN_POINTER(SummaryFromHist(&h));
}

/* score_summary_send: version, scale, 11 big-endian int64 counts */
Datum
score_summary_send(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	uint8_t		bytes[SCORE_BINARY_SIZE];
	StringInfoData buf;

	score_hist_encode(&s->h, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, SCORE_BINARY_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------
 * Aggregate support
 * ----------------------------------------------------------------
 */

/* the scale argument of score_summary(score, scale) and csat(score, scale) */
static int
GetScaleArg(FunctionCallInfo fcinfo, int argno)
{
	int32		scale;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale must not be NULL")));
	scale = PG_GETARG_INT32(argno);
	if (scale != 5 && scale != 7 && scale != 10)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale %d is not supported", scale),
				 errhint("Use 5 (scores 1..5), 7 (1..7) or 10 (1..10).")));
	return scale;
}

/*
 * The common transition: add one score to the state, creating it on the
 * first non-NULL score.  A new state is allocated in the current (per-call)
 * context: the executor copies any state that is not the one it passed in
 * into the aggregate context itself.  An existing state is updated in
 * place, which is allowed only when called as an aggregate.
 */
static pg_attribute_always_inline Datum
ScoreTransition(FunctionCallInfo fcinfo, int scale, const char *label)
{
	ScoreSummary *state;
	int32		score;
	int			lo = score_scale_min(scale);
	int			hi = score_scale_max(scale);

	if (unlikely(!journey_in_aggregate(fcinfo)))
		elog(ERROR, "score_summary transition function called in non-aggregate context");

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	score = PG_GETARG_INT32(1);
	if (unlikely(score < lo || score > hi))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %d is out of range %d..%d", label, score, lo, hi)));

	if (unlikely(PG_ARGISNULL(0)))
		state = NewSummary(CurrentMemoryContext, scale);
	else
	{
		state = (ScoreSummary *) PG_GETARG_POINTER(0);

		/*
		 * States of the 0..10 aggregates are made by NewSummary or from the
		 * '{}' moving initial state, both of scale 0, so only the scaled
		 * aggregates need to look (this saves a dependent load per row).
		 */
		if (scale != 0 && unlikely(state->h.scale != scale))
		{
			/* the moving-aggregate initial state '{}' takes the call's scale */
			if (score_hist_total(&state->h) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("scale changed from %d to %d within one aggregate",
								state->h.scale, scale)));
			state->h.scale = (uint8) scale;
		}
	}

	/*
	 * Only the one counter is updated per row: the total is derived, so rows
	 * carry no dependency through memory from one to the next.  The sum of
	 * the counts cannot pass int64 here (it grows by one per input row from
	 * a valid state); combine and rollup check the sums they form.
	 */
	if (unlikely(state->h.counts[score] == PG_INT64_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("number of responses exceeds %lld", (long long) PG_INT64_MAX)));
	state->h.counts[score]++;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(score_summary_trans);
PG_FUNCTION_INFO_V1(score_summary_scale_trans);
PG_FUNCTION_INFO_V1(nps_trans);
PG_FUNCTION_INFO_V1(csat_trans);
PG_FUNCTION_INFO_V1(csat_scale_trans);
PG_FUNCTION_INFO_V1(ces_trans);
PG_FUNCTION_INFO_V1(score_summary_inv);

/* score_summary_trans: score_summary(score), scores 0..10 */
Datum
score_summary_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, 0, "score");
}

/* score_summary_scale_trans: score_summary(score, scale), scores 1..scale */
Datum
score_summary_scale_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, GetScaleArg(fcinfo, 2), "score");
}

/* nps_trans: nps(score), scores 0..10 */
Datum
nps_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, 0, "NPS score");
}

/* csat_trans: csat(score), scores 1..5 */
Datum
csat_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, 5, "CSAT score");
}

/* csat_scale_trans: csat(score, scale), scores 1..scale */
Datum
csat_scale_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, GetScaleArg(fcinfo, 2), "CSAT score");
}

/* ces_trans: ces(score), CES 2.0 scores 1..7 */
Datum
ces_trans(PG_FUNCTION_ARGS)
{
	return ScoreTransition(fcinfo, 7, "CES score");
}

/*
 * score_summary_inv: moving-aggregate inverse of every score transition;
 * the score was validated when it entered the frame, so it is in range.
 */
Datum
score_summary_inv(PG_FUNCTION_ARGS)
{
	ScoreSummary *state;
	int32		score;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "score_summary inverse function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (ScoreSummary *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	score = PG_GETARG_INT32(1);
	if (score < SCORE_MIN || score > SCORE_MAX || state->h.counts[score] <= 0)
		elog(ERROR, "score %d removed from a moving aggregate that does not hold it", score);
	state->h.counts[score]--;
	PG_RETURN_POINTER(state);
}

/* add src into dst, both validated, with parameter and overflow checks */
static void
AddSummary(ScoreHist *dst, const ScoreHist *src)
{
	if (dst->scale != src->scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine score summaries of scale %d and scale %d",
						dst->scale, src->scale),
				 errdetail("Scale 0 is a 0..10 score; 5, 7 and 10 are 1..scale scales.")));
	if (!score_hist_add(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("number of responses exceeds %lld", (long long) PG_INT64_MAX)));
}

PG_FUNCTION_INFO_V1(score_summary_combine);
PG_FUNCTION_INFO_V1(score_summary_rollup_trans);
PG_FUNCTION_INFO_V1(score_summary_rollup_inv);
PG_FUNCTION_INFO_V1(score_summary_nonempty);

/* score_summary_combine: STRICT combine function, state1 += state2 */
Datum
score_summary_combine(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = PG_GETARG_SCORE_SUMMARY_P(0);
	ScoreSummary *b = PG_GETARG_SCORE_SUMMARY_P(1);

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "score_summary_combine called in non-aggregate context");
	AddSummary(&a->h, &b->h);
	PG_RETURN_POINTER(a);
}

/*
 * score_summary_rollup_trans: rollup(summary).  Inputs come from storage, so
 * each is validated; the first one is copied into the aggregate context.
 */
Datum
score_summary_rollup_trans(PG_FUNCTION_ARGS)
{
	ScoreSummary *state;
	ScoreSummary *in;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "rollup transition function called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	in = GetSummaryArg(fcinfo, 1);
	if (PG_ARGISNULL(0))
	{
		state = NewSummary(CurrentMemoryContext, in->h.scale);
		state->h = in->h;
		PG_RETURN_POINTER(state);
	}
	state = (ScoreSummary *) PG_GETARG_POINTER(0);
	/* the moving-aggregate initial state '{}' takes the first input's scale */
	if (score_hist_total(&state->h) == 0)
		state->h.scale = in->h.scale;
	AddSummary(&state->h, &in->h);
	PG_RETURN_POINTER(state);
}

/* score_summary_rollup_inv: moving-aggregate inverse of rollup */
Datum
score_summary_rollup_inv(PG_FUNCTION_ARGS)
{
	ScoreSummary *state;
	ScoreSummary *in;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "rollup inverse function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (ScoreSummary *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	in = GetSummaryArg(fcinfo, 1);
	if (in->h.scale != state->h.scale || !score_hist_subtract(&state->h, &in->h))
		elog(ERROR, "summary removed from a moving rollup that does not hold it");
	PG_RETURN_POINTER(state);
}

/* score_summary_nonempty: moving final function, NULL once a frame is empty */
Datum
score_summary_nonempty(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = PG_GETARG_SCORE_SUMMARY_P(0);

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

/* ----------------------------------------------------------------
 * Accessors
 * ----------------------------------------------------------------
 */

/* fetch a summary argument that must hold 0..10 NPS-style scores */
static ScoreSummary *
GetNpsSummaryArg(FunctionCallInfo fcinfo, int argno)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, argno);

	if (s->h.scale != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS needs a summary of 0..10 scores, not one of scale %d", s->h.scale)));
	return s;
}

/*
 * The scale to read a summary on: the requested one (0 = none requested),
 * which must agree with a scale stored in the summary; without either, def.
 * Every count must lie inside 1..scale.
 */
static int
ResolveScale(const ScoreHist *h, int requested, int def, const char *label)
{
	int			scale = requested ? requested : (h->scale ? h->scale : def);

	if (h->scale != 0 && h->scale != scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("summary was built on scale %d, not %d", h->scale, scale)));
	for (int s = 0; s < SCORE_NBUCKETS; s++)
		if (h->counts[s] > 0 && (s < 1 || s > scale))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s %d is out of range 1..%d", label, s, scale)));
	return scale;
}

/* percent of responses in [lo, hi] */
static double
PercentInRange(const ScoreHist *h, int lo, int hi)
{
	int64		x = score_hist_count_range(h, lo, hi);

	return (double) x * 100.0 / (double) score_hist_total(h);
}

PG_FUNCTION_INFO_V1(score_summary_responses);
PG_FUNCTION_INFO_V1(score_summary_promoters);
PG_FUNCTION_INFO_V1(score_summary_passives);
PG_FUNCTION_INFO_V1(score_summary_detractors);
PG_FUNCTION_INFO_V1(score_summary_count);
PG_FUNCTION_INFO_V1(score_summary_scale);
PG_FUNCTION_INFO_V1(score_summary_nps);
PG_FUNCTION_INFO_V1(score_summary_nps_se);
PG_FUNCTION_INFO_V1(score_summary_csat);
PG_FUNCTION_INFO_V1(score_summary_ces);
PG_FUNCTION_INFO_V1(score_summary_mean);
PG_FUNCTION_INFO_V1(score_summary_stddev);
PG_FUNCTION_INFO_V1(score_summary_percentile_disc);
PG_FUNCTION_INFO_V1(score_summary_percentile_cont);

/* responses(s): number of responses */
Datum
score_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_hist_total(&GetSummaryArg(fcinfo, 0)->h));
}

/* promoters(s): responses 9..10 */
Datum
score_summary_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_hist_count_range(&GetNpsSummaryArg(fcinfo, 0)->h, 9, 10));
}

/* passives(s): responses 7..8 */
Datum
score_summary_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_hist_count_range(&GetNpsSummaryArg(fcinfo, 0)->h, 7, 8));
}

/* detractors(s): responses 0..6 */
Datum
score_summary_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_hist_count_range(&GetNpsSummaryArg(fcinfo, 0)->h, 0, 6));
}

/* score_count(s, score): responses with exactly that score */
Datum
score_summary_count(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	int32		score = PG_GETARG_INT32(1);

	if (score < SCORE_MIN || score > SCORE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is out of range %d..%d", score, SCORE_MIN, SCORE_MAX)));
	PG_RETURN_INT64(s->h.counts[score]);
}

/* score_scale(s): the declared scale, NULL for a plain 0..10 summary */
Datum
score_summary_scale(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);

	if (s->h.scale == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(s->h.scale);
}

/* nps(s): 100 (P - D) / n as one correctly rounded division */
Datum
score_summary_nps(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetNpsSummaryArg(fcinfo, 0);
	int64		p,
				d;

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	p = score_hist_count_range(&s->h, 9, 10);
	d = score_hist_count_range(&s->h, 0, 6);
	/* 100 (P - D) is exact in a double while |P - D| < 2^53 / 100 */
	PG_RETURN_FLOAT8((double) ((__int128) 100 * (p - d)) / (double) score_hist_total(&s->h));
}

/* nps_se(s): standard error of NPS in points, 100 sqrt(V / n) */
Datum
score_summary_nps_se(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetNpsSummaryArg(fcinfo, 0);
	NpsSample	smp;

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	smp = stats_nps_sample(score_hist_count_range(&s->h, 9, 10),
						   score_hist_count_range(&s->h, 7, 8),
						   score_hist_count_range(&s->h, 0, 6), 0);
	PG_RETURN_FLOAT8(100.0 * sqrt(stats_nps_variance(smp) / smp.n));
}

/* csat(s [, scale]): percent top-2-box on 1..scale */
Datum
score_summary_csat(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	int			requested = PG_NARGS() > 1 ? GetScaleArg(fcinfo, 1) : 0;
	int			scale;

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	scale = ResolveScale(&s->h, requested, 5, "CSAT score");
	PG_RETURN_FLOAT8(PercentInRange(&s->h, scale - 1, scale));
}

/* ces(s): CES 2.0, percent agreeing (5..7) on 1..7 */
Datum
score_summary_ces(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	ResolveScale(&s->h, 7, 7, "CES score");
	PG_RETURN_FLOAT8(PercentInRange(&s->h, 5, 7));
}

/* mean_score(s): mean of the scores */
Datum
score_summary_mean(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_hist_mean(&s->h));
}

/* score_stddev(s): sample standard deviation; NULL below 2 responses */
Datum
score_summary_stddev(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);

	if (score_hist_total(&s->h) < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_hist_stddev(&s->h));
}

static double
GetFractionArg(FunctionCallInfo fcinfo, int argno)
{
	double		p = PG_GETARG_FLOAT8(argno);

	if (!(p >= 0.0 && p <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile %g is not between 0 and 1", p)));
	return p;
}

/* score_percentile_disc(s, p): as percentile_disc(p) WITHIN GROUP (ORDER BY score) */
Datum
score_summary_percentile_disc(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	double		p = GetFractionArg(fcinfo, 1);

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_hist_percentile_disc(&s->h, p));
}

/* score_percentile_cont(s, p): as percentile_cont(p) WITHIN GROUP (ORDER BY score) */
Datum
score_summary_percentile_cont(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	double		p = GetFractionArg(fcinfo, 1);

	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_hist_percentile_cont(&s->h, p));
}

/* ----------------------------------------------------------------
 * Statistics
 * ----------------------------------------------------------------
 */

/* build a composite result of float8 columns; NaN marks NULL */
static Datum
Float8Record(FunctionCallInfo fcinfo, const double *vals, int n)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	Assert(n <= 4 && tupdesc->natts == n);
	for (int i = 0; i < n; i++)
	{
		nulls[i] = isnan(vals[i]);
		values[i] = Float8GetDatum(vals[i]);
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

static NpsSample
SampleOf(const ScoreHist *h, bool adjusted)
{
	return stats_nps_sample(score_hist_count_range(h, 9, 10),
							score_hist_count_range(h, 7, 8),
							score_hist_count_range(h, 0, 6), adjusted);
}

static double
Clip(double v, double lo, double hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

PG_FUNCTION_INFO_V1(score_summary_nps_ci);
PG_FUNCTION_INFO_V1(score_summary_nps_test);
PG_FUNCTION_INFO_V1(score_summary_nps_test_benchmark);
PG_FUNCTION_INFO_V1(score_summary_csat_ci);
PG_FUNCTION_INFO_V1(score_summary_ces_ci);

/* nps_ci(s, confidence, method): two-sided interval in points, clipped */
Datum
score_summary_nps_ci(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetNpsSummaryArg(fcinfo, 0);
	double		confidence = PG_GETARG_FLOAT8(1);
	bool		adjusted = journey_parse_nps_method(PG_GETARG_TEXT_PP(2));
	NpsSample	smp;
	double		z,
				centre,
				se,
				vals[2];

	journey_check_confidence(confidence);
	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	z = stats_norm_quantile((1.0 + confidence) / 2.0);
	smp = SampleOf(&s->h, adjusted);
	centre = stats_nps_proportion(smp);
	se = sqrt(stats_nps_variance(smp) / smp.n);
	vals[0] = Clip(100.0 * (centre - z * se), -100.0, 100.0);
	vals[1] = Clip(100.0 * (centre + z * se), -100.0, 100.0);
	return Float8Record(fcinfo, vals, 2);
}

/* nps_test(a, b, method): difference b - a in points, z, two-sided p */
Datum
score_summary_nps_test(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = GetNpsSummaryArg(fcinfo, 0);
	ScoreSummary *b = GetNpsSummaryArg(fcinfo, 1);
	bool		adjusted = journey_parse_nps_method(PG_GETARG_TEXT_PP(2));
	NpsSample	sa,
				sb;
	double		se,
				vals[3];

	if (score_hist_total(&a->h) == 0 || score_hist_total(&b->h) == 0)
		PG_RETURN_NULL();
	/* the reported difference is always the raw one */
	sa = SampleOf(&a->h, false);
	sb = SampleOf(&b->h, false);
	vals[0] = 100.0 * (stats_nps_proportion(sb) - stats_nps_proportion(sa));
	sa = SampleOf(&a->h, adjusted);
	sb = SampleOf(&b->h, adjusted);
	se = sqrt(stats_nps_variance(sa) / sa.n + stats_nps_variance(sb) / sb.n);
	if (se > 0.0)
	{
		vals[1] = (stats_nps_proportion(sb) - stats_nps_proportion(sa)) / se;
		vals[2] = stats_two_sided_p(vals[1]);
	}
	else
		vals[1] = vals[2] = NAN;
	return Float8Record(fcinfo, vals, 3);
}

/*
 * nps_test(s, benchmark, alternative, method): one-sided test of a summary
 * against a benchmark NPS in points; difference = NPS - benchmark.
 */
Datum
score_summary_nps_test_benchmark(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetNpsSummaryArg(fcinfo, 0);
	double		benchmark = PG_GETARG_FLOAT8(1);
	char	   *alternative = text_to_cstring(PG_GETARG_TEXT_PP(2));
	bool		adjusted = journey_parse_nps_method(PG_GETARG_TEXT_PP(3));
	bool		greater;
	NpsSample	smp;
	double		se,
				vals[3];

	if (!(benchmark >= -100.0 && benchmark <= 100.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("benchmark NPS %g is out of range -100..100", benchmark)));
	if (strcmp(alternative, "greater") == 0)
		greater = true;
	else if (strcmp(alternative, "less") == 0)
		greater = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown alternative \"%s\"", alternative),
				 errhint("Valid alternatives are 'greater' (the default) and 'less'.")));
	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	smp = SampleOf(&s->h, false);
	vals[0] = 100.0 * stats_nps_proportion(smp) - benchmark;
	smp = SampleOf(&s->h, adjusted);
	se = sqrt(stats_nps_variance(smp) / smp.n);
	if (se > 0.0)
	{
		vals[1] = (stats_nps_proportion(smp) - benchmark / 100.0) / se;
		vals[2] = stats_upper_tail_p(greater ? vals[1] : -vals[1]);
	}
	else
		vals[1] = vals[2] = NAN;
	return Float8Record(fcinfo, vals, 3);
}

/* Wilson interval in percent of x "satisfied" responses */
static Datum
WilsonRecord(FunctionCallInfo fcinfo, const ScoreHist *h, int lo, int hi,
			 double confidence)
{
	double		vals[2];

	stats_wilson(score_hist_count_range(h, lo, hi), score_hist_total(h),
				 stats_norm_quantile((1.0 + confidence) / 2.0), &vals[0], &vals[1]);
	vals[0] *= 100.0;
	vals[1] *= 100.0;
	return Float8Record(fcinfo, vals, 2);
}

/* csat_ci(s [, scale], confidence): Wilson interval of top-2-box percent */
Datum
score_summary_csat_ci(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	int			requested = PG_NARGS() > 2 ? GetScaleArg(fcinfo, 1) : 0;
	double		confidence = PG_GETARG_FLOAT8(PG_NARGS() - 1);
	int			scale;

	journey_check_confidence(confidence);
	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	scale = ResolveScale(&s->h, requested, 5, "CSAT score");
	return WilsonRecord(fcinfo, &s->h, scale - 1, scale, confidence);
}

/* ces_ci(s, confidence): Wilson interval of CES percent agree (5..7) */
Datum
score_summary_ces_ci(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = GetSummaryArg(fcinfo, 0);
	double		confidence = PG_GETARG_FLOAT8(1);

	journey_check_confidence(confidence);
	if (score_hist_total(&s->h) == 0)
		PG_RETURN_NULL();
	ResolveScale(&s->h, 7, 7, "CES score");
	return WilsonRecord(fcinfo, &s->h, 5, 7, confidence);
}

/* ----------------------------------------------------------------
 * = and its hash: the same counts and scale.  Valid summaries are canonical
 * (reserved and padding bytes zero), so that is the same bytes.
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(score_summary_eq);
PG_FUNCTION_INFO_V1(score_summary_ne);
PG_FUNCTION_INFO_V1(score_summary_hash);
PG_FUNCTION_INFO_V1(score_summary_hash_extended);

Datum
score_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(journey_same_bytes((struct varlena *) GetSummaryArg(fcinfo, 0),
									  (struct varlena *) GetSummaryArg(fcinfo, 1)));
}

Datum
score_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!journey_same_bytes((struct varlena *) GetSummaryArg(fcinfo, 0),
									   (struct varlena *) GetSummaryArg(fcinfo, 1)));
}

Datum
score_summary_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_UINT32((uint32) journey_hash_bytes((struct varlena *) GetSummaryArg(fcinfo, 0), 0));
}

Datum
score_summary_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_UINT64(journey_hash_bytes((struct varlena *) GetSummaryArg(fcinfo, 0), PG_GETARG_INT64(1)));
}
