/*
 * funnel_summary.c
 *		journey.funnel_summary: the mergeable drop-off summary of a funnel
 *		(funnels.md 4): how many customers ended at each level -1 (excluded),
 *		0 (present, never started), 1 .. N (deepest step reached), with the
 *		aggregates that build and roll it up, the per-step report and a text
 *		bar chart.
 *
 * Stored value: a varlena with a version byte, the number of steps N
 * (1..32), two reserved zero bytes, then N + 2 int64 counts for levels
 * -1, 0, 1 .. N.  Text form: {level:count,...}/N with zero counts omitted,
 * levels in any order on input, each at most once.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "funnel_core.h"
#include "journey.h"

/* levels come from window_funnel: the same 1..FUNNEL_MAX_STEPS steps */
#define FUNNEL_FORMAT_VERSION	1

typedef struct FunnelSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		steps;			/* N, 1..32 */
	uint16		reserved;		/* zero */
	int64		counts[FLEXIBLE_ARRAY_MEMBER];	/* levels -1, 0, 1 .. N */
} FunnelSummary;

#define FUNNEL_SIZE(n)			(offsetof(FunnelSummary, counts) + sizeof(int64) * ((n) + 2))
#define LEVEL_SLOT(level)		((level) + 1)
#define PG_GETARG_FUNNEL_P(n)	((FunnelSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static FunnelSummary *
NewFunnel(int steps)
{
	FunnelSummary *f = palloc0(FUNNEL_SIZE(steps));

	SET_VARSIZE(f, FUNNEL_SIZE(steps));
	f->version = FUNNEL_FORMAT_VERSION;
	f->steps = (uint8) steps;
	return f;
}

/* the total of the counts; false on int64 overflow or a negative count */
static bool
FunnelTotal(const int64 *counts, int steps, int64 *total)
{
	*total = 0;
	for (int i = 0; i < steps + 2; i++)
		if (counts[i] < 0 || pg_add_s64_overflow(*total, counts[i], total))
			return false;
	return true;
}

/* validate a stored value; corruption is DATA_CORRUPTED */
static FunnelSummary *
GetFunnelArg(FunctionCallInfo fcinfo, int argno)
{
	FunnelSummary *f = PG_GETARG_FUNNEL_P(argno);
	int64		total;

	if (VARSIZE(f) < offsetof(FunnelSummary, counts) ||
		f->version != FUNNEL_FORMAT_VERSION || f->reserved != 0 ||
		f->steps < 1 || f->steps > FUNNEL_MAX_STEPS ||
		VARSIZE(f) != FUNNEL_SIZE(f->steps) ||
		!FunnelTotal(f->counts, f->steps, &total))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted funnel_summary value")));
	return f;
}

/* ----------------------------------------------------------------
 * Type I/O
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(funnel_summary_in);
PG_FUNCTION_INFO_V1(funnel_summary_out);
PG_FUNCTION_INFO_V1(funnel_summary_recv);
PG_FUNCTION_INFO_V1(funnel_summary_send);

static void
FunnelSyntaxError(const char *str, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type funnel_summary: \"%s\"", str),
			 errdetail("%s", detail)));
}

static void
FunnelRangeError(const char *str, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("invalid input syntax for type funnel_summary: \"%s\"", str),
			 errdetail("%s", detail)));
}

/* a decimal integer with optional sign; false if none or out of int64 */
static bool
ParseInt(const char **p, int64 *out)
{
	char	   *end;

	while (**p == ' ')
		(*p)++;
	if (!(**p == '-' || (**p >= '0' && **p <= '9')))
		return false;
	errno = 0;
	*out = strtoll(*p, &end, 10);
	if (errno != 0 || end == *p)
		return false;
	*p = end;
	while (**p == ' ')
		(*p)++;
	return true;
}

/* funnel_summary_in: {level:count,...}/steps */
Datum
funnel_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int64		levels[FUNNEL_MAX_STEPS + 2];
	int64		counts[FUNNEL_MAX_STEPS + 2];
	int			n = 0;
	int64		steps;
	int64		total = 0;
	FunnelSummary *f;
	bool		seen[FUNNEL_MAX_STEPS + 2] = {false};

	while (*p == ' ')
		p++;
	if (*p++ != '{')
		FunnelSyntaxError(str, "expected \"{\" at the start");
	while (*p == ' ')
		p++;
	if (*p != '}')
	{
		for (;;)
		{
			if (n >= FUNNEL_MAX_STEPS + 2)
				FunnelRangeError(str, "more levels than a funnel of 32 steps has");
			if (!ParseInt(&p, &levels[n]))
				FunnelSyntaxError(str, "expected a level");
			if (*p++ != ':')
				FunnelSyntaxError(str, "expected \":\" after a level");
			if (!ParseInt(&p, &counts[n]))
				FunnelSyntaxError(str, "expected a count");
			if (counts[n] < 0)
				FunnelRangeError(str, "counts must not be negative");
			n++;
			if (*p == ',')
			{
				p++;
				continue;
			}
			if (*p == '}')
				break;
			FunnelSyntaxError(str, "expected \",\" or \"}\"");
		}
	}
	p++;
	while (*p == ' ')
		p++;
	if (*p++ != '/' || !ParseInt(&p, &steps))
		FunnelSyntaxError(str, "expected \"/\" and the number of steps after \"}\"");
	if (*p != '\0')
		FunnelSyntaxError(str, "unexpected text after the number of steps");
	if (steps < 1 || steps > FUNNEL_MAX_STEPS)
		FunnelRangeError(str, "the number of steps must be 1..32");

	f = NewFunnel((int) steps);
	for (int i = 0; i < n; i++)
	{
		if (levels[i] < -1 || levels[i] > steps)
			FunnelRangeError(str, psprintf("level " INT64_FORMAT " is out of range -1..%d",
										   levels[i], (int) steps));
		if (seen[LEVEL_SLOT(levels[i])])
			FunnelRangeError(str, psprintf("level " INT64_FORMAT " appears more than once", levels[i]));
		seen[LEVEL_SLOT(levels[i])] = true;
		f->counts[LEVEL_SLOT(levels[i])] = counts[i];
		if (pg_add_s64_overflow(total, counts[i], &total))
			FunnelRangeError(str, "the counts add up past int64");
	}
	PG_RETURN_POINTER(f);
}

/* funnel_summary_out: canonical text, increasing levels, zeros omitted */
Datum
funnel_summary_out(PG_FUNCTION_ARGS)
{
	FunnelSummary *f = GetFunnelArg(fcinfo, 0);
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int level = -1; level <= f->steps; level++)
	{
		if (f->counts[LEVEL_SLOT(level)] == 0)
			continue;
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, first ? "" : ",", level,
						 f->counts[LEVEL_SLOT(level)]);
		first = false;
	}
	appendStringInfo(&buf, "}/%d", f->steps);
	PG_RETURN_CSTRING(buf.data);
}

/* funnel_summary_recv: version, steps, then N + 2 big-endian int64 counts */
Datum
funnel_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			left = buf->len - buf->cursor;
	int			version,
				steps;
	FunnelSummary *f;
	int64		total;

	if (left < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary funnel_summary value"),
				 errdetail("value has %d bytes, fewer than its 2-byte header", left)));
	version = pq_getmsgbyte(buf);
	steps = pq_getmsgbyte(buf);
	if (version != FUNNEL_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary funnel_summary value"),
				 errdetail("unknown format version %d (this build reads version %d)",
						   version, FUNNEL_FORMAT_VERSION)));
	if (steps < 1 || steps > FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary funnel_summary value"),
				 errdetail("number of steps %d is out of range 1..32", steps)));
	if (left != 2 + 8 * (steps + 2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary funnel_summary value"),
				 errdetail("value has %d bytes, expected %d", left, 2 + 8 * (steps + 2))));
	f = NewFunnel(steps);
	for (int i = 0; i < steps + 2; i++)
		f->counts[i] = pq_getmsgint64(buf);
	if (!FunnelTotal(f->counts, steps, &total))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary funnel_summary value"),
				 errdetail("counts are negative or add up past int64")));
	PG_RETURN_POINTER(f);
}

/* funnel_summary_send: see funnel_summary_recv */
Datum
funnel_summary_send(PG_FUNCTION_ARGS)
{
	FunnelSummary *f = GetFunnelArg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, FUNNEL_FORMAT_VERSION);
	pq_sendbyte(&buf, f->steps);
	for (int i = 0; i < f->steps + 2; i++)
		pq_sendint64(&buf, f->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------
 * Aggregates
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(funnel_summary_trans);
PG_FUNCTION_INFO_V1(funnel_summary_combine);
PG_FUNCTION_INFO_V1(funnel_summary_rollup_trans);

/* add src into dst: same number of steps, total within int64 */
static void
AddFunnel(FunnelSummary *dst, const FunnelSummary *src)
{
	int64		a,
				b,
				total;

	if (dst->steps != src->steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine funnel summaries of %d and %d steps", dst->steps, src->steps)));
	if (!FunnelTotal(dst->counts, dst->steps, &a) || !FunnelTotal(src->counts, src->steps, &b))
		elog(ERROR, "invalid funnel_summary state");
	if (pg_add_s64_overflow(a, b, &total))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("number of customers exceeds %lld", (long long) PG_INT64_MAX)));
	/* each count is at most its total, so no sum can overflow now */
	for (int i = 0; i < dst->steps + 2; i++)
		dst->counts[i] += src->counts[i];
}

/* funnel_summary_trans(state, level, steps): count one customer's level */
Datum
funnel_summary_trans(PG_FUNCTION_ARGS)
{
	FunnelSummary *state;
	int32		level;
	int32		steps;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "funnel_summary_trans called in non-aggregate context");
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of steps must not be NULL")));
	steps = PG_GETARG_INT32(2);
	if (steps < 1 || steps > FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of steps %d is out of range 1..32", steps)));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	level = PG_GETARG_INT32(1);
	if (level < -1 || level > steps)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("funnel level %d is out of range -1..%d", level, steps)));
	if (PG_ARGISNULL(0))
		state = NewFunnel(steps);
	else
	{
		state = (FunnelSummary *) PG_GETARG_POINTER(0);
		if (state->steps != steps)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("number of steps changed from %d to %d within one aggregate",
							state->steps, steps)));
	}
	/* a count cannot pass int64 one row at a time */
	state->counts[LEVEL_SLOT(level)]++;
	PG_RETURN_POINTER(state);
}

/* funnel_summary_combine: STRICT, state1 += state2 */
Datum
funnel_summary_combine(PG_FUNCTION_ARGS)
{
	FunnelSummary *a = PG_GETARG_FUNNEL_P(0);
	FunnelSummary *b = PG_GETARG_FUNNEL_P(1);

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "funnel_summary_combine called in non-aggregate context");
	AddFunnel(a, b);
	PG_RETURN_POINTER(a);
}

/* funnel_summary_rollup_trans: rollup(funnel_summary), inputs validated */
Datum
funnel_summary_rollup_trans(PG_FUNCTION_ARGS)
{
	FunnelSummary *in;
	FunnelSummary *state;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "rollup transition function called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	in = GetFunnelArg(fcinfo, 1);
	if (PG_ARGISNULL(0))
	{
		state = NewFunnel(in->steps);
		memcpy(state->counts, in->counts, sizeof(int64) * (in->steps + 2));
		PG_RETURN_POINTER(state);
	}
	state = (FunnelSummary *) PG_GETARG_POINTER(0);
	AddFunnel(state, in);
	PG_RETURN_POINTER(state);
}

/* ----------------------------------------------------------------
 * Accessors, report and chart
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(funnel_summary_eq);
PG_FUNCTION_INFO_V1(funnel_summary_ne);
PG_FUNCTION_INFO_V1(funnel_summary_hash);
PG_FUNCTION_INFO_V1(funnel_summary_hash_extended);
PG_FUNCTION_INFO_V1(funnel_summary_steps);
PG_FUNCTION_INFO_V1(funnel_summary_level_count);
PG_FUNCTION_INFO_V1(funnel_summary_reached);
PG_FUNCTION_INFO_V1(funnel_summary_report);
PG_FUNCTION_INFO_V1(funnel_summary_chart);

/*
 * = and its hash: the same steps and counts.  Valid values are canonical
 * (reserved bytes zero), so that is the same bytes.
 */
Datum
funnel_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(journey_same_bytes((struct varlena *) GetFunnelArg(fcinfo, 0),
									  (struct varlena *) GetFunnelArg(fcinfo, 1)));
}

Datum
funnel_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!journey_same_bytes((struct varlena *) GetFunnelArg(fcinfo, 0),
									   (struct varlena *) GetFunnelArg(fcinfo, 1)));
}

Datum
funnel_summary_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_UINT32((uint32) journey_hash_bytes((struct varlena *) GetFunnelArg(fcinfo, 0), 0));
}

Datum
funnel_summary_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_UINT64(journey_hash_bytes((struct varlena *) GetFunnelArg(fcinfo, 0), PG_GETARG_INT64(1)));
}

/* funnel_steps(s) */
Datum
funnel_summary_steps(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(GetFunnelArg(fcinfo, 0)->steps);
}

/* funnel_level_count(s, level): customers whose level is exactly level */
Datum
funnel_summary_level_count(PG_FUNCTION_ARGS)
{
	FunnelSummary *f = GetFunnelArg(fcinfo, 0);
	int32		level = PG_GETARG_INT32(1);

	if (level < -1 || level > f->steps)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("funnel level %d is out of range -1..%d", level, f->steps)));
	PG_RETURN_INT64(f->counts[LEVEL_SLOT(level)]);
}

/* reached[k] for k = 1..N: customers with level >= k (excluded in none) */
static void
Reached(const FunnelSummary *f, int64 *reached)
{
	int64		acc = 0;

	for (int k = f->steps; k >= 1; k--)
	{
		acc += f->counts[LEVEL_SLOT(k)];	/* bounded by the validated total */
		reached[k] = acc;
	}
}

/* funnel_reached(s, step): customers who reached the step */
Datum
funnel_summary_reached(PG_FUNCTION_ARGS)
{
	FunnelSummary *f = GetFunnelArg(fcinfo, 0);
	int32		step = PG_GETARG_INT32(1);
	int64		reached[FUNNEL_MAX_STEPS + 1];

	if (step < 1 || step > f->steps)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("funnel step %d is out of range 1..%d", step, f->steps)));
	Reached(f, reached);
	PG_RETURN_INT64(reached[step]);
}

/* the label of step k: labels[k] if given and not NULL, else "step k" */
static char *
StepLabel(ArrayType *labels, int k)
{
	if (labels != NULL && ARR_NDIM(labels) == 1 && k <= ARR_DIMS(labels)[0])
	{
		bool		isnull;
		int			idx = ARR_LBOUND(labels)[0] + k - 1;
		Datum		d = array_get_element(PointerGetDatum(labels), 1, &idx, -1, -1, false,
										  TYPALIGN_INT, &isnull);

		if (!isnull)
			return TextDatumGetCString(d);
	}
	return psprintf("step %d", k);
}

/* labels argument: NULL allowed, else one-dimensional */
static ArrayType *
GetLabels(FunctionCallInfo fcinfo, int argno)
{
	ArrayType  *labels;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	labels = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(labels) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step labels must be a one-dimensional array")));
	return labels;
}

static Datum
PercentOrNull(int64 num, int64 den, bool *isnull)
{
	*isnull = (den == 0);
	return Float8GetDatum(*isnull ? 0.0 : (double) num * 100.0 / (double) den);
}

/*
 * funnel_report(s, labels): one row per step with reached, conversion from
 * step 1 and from the previous step, drop-off count and rate (funnels.md 4).
 */
Datum
funnel_summary_report(PG_FUNCTION_ARGS)
{
	FunnelSummary *f;
	ArrayType  *labels;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		reached[FUNNEL_MAX_STEPS + 1];

	/* not STRICT (labels may be NULL): no summary, no rows */
	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	f = GetFunnelArg(fcinfo, 0);
	labels = GetLabels(fcinfo, 1);
	Reached(f, reached);
	for (int k = 1; k <= f->steps; k++)
	{
		Datum		values[9];
		bool		nulls[9] = {false};

		values[0] = Int32GetDatum(k);
		values[1] = CStringGetTextDatum(StepLabel(labels, k));
		values[2] = Int64GetDatum(reached[k]);
		values[3] = PercentOrNull(reached[k], reached[1], &nulls[3]);
		if (k == 1)
		{
			nulls[4] = nulls[5] = nulls[6] = true;
			values[4] = values[5] = values[6] = (Datum) 0;
		}
		else
		{
			values[4] = PercentOrNull(reached[k], reached[k - 1], &nulls[4]);
			values[5] = Int64GetDatum(reached[k - 1] - reached[k]);
			values[6] = PercentOrNull(reached[k - 1] - reached[k], reached[k - 1], &nulls[6]);
		}
		/* the customers outside the steps, on every row (funnels.md 4) */
		values[7] = Int64GetDatum(f->counts[LEVEL_SLOT(0)]);
		values[8] = Int64GetDatum(f->counts[LEVEL_SLOT(-1)]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * funnel_chart(s, labels, width): one text line per step: label, reached,
 * percent of step 1 and a bar of round(width * reached / reached_1) '#'.
 */
Datum
funnel_summary_chart(PG_FUNCTION_ARGS)
{
	FunnelSummary *f;
	ArrayType  *labels;
	int32		width;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		reached[FUNNEL_MAX_STEPS + 1];
	char	   *names[FUNNEL_MAX_STEPS + 1];
	int			namewidth = 0;
	int			countwidth = 1;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chart width must not be NULL")));
	width = PG_GETARG_INT32(2);
	if (width < 1 || width > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chart width %d is out of range 1..1000", width)));
	/* not STRICT (labels may be NULL): no summary, no lines */
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	f = GetFunnelArg(fcinfo, 0);
	labels = GetLabels(fcinfo, 1);
	Reached(f, reached);
	for (int k = 1; k <= f->steps; k++)
	{
		names[k] = StepLabel(labels, k);
		namewidth = Max(namewidth, pg_mbstrlen(names[k]));
		countwidth = Max(countwidth, (int) strlen(psprintf(INT64_FORMAT, reached[k])));
	}
	for (int k = 1; k <= f->steps; k++)
	{
		StringInfoData line;
		Datum		value;
		bool		isnull = false;
		long		bar = reached[1] > 0 ?
			lround((double) width * (double) reached[k] / (double) reached[1]) : 0;

		initStringInfo(&line);
		appendStringInfoString(&line, names[k]);
		for (int i = pg_mbstrlen(names[k]); i < namewidth; i++)
			appendStringInfoChar(&line, ' ');
		appendStringInfo(&line, " %*lld", countwidth, (long long) reached[k]);
		if (reached[1] > 0)
			appendStringInfo(&line, " %5.1f%%", (double) reached[k] * 100.0 / (double) reached[1]);
		else
			appendStringInfoString(&line, "      -");
		if (bar > 0)
			appendStringInfoChar(&line, ' ');
		for (long i = 0; i < bar; i++)
			appendStringInfoChar(&line, '#');
		value = CStringGetTextDatum(line.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	return (Datum) 0;
}
