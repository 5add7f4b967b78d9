/*
 * paths.c
 *		journey.path_edges and journey.path_check_args (funnels.md 7): one
 *		customer's paths around an anchor event, the rows behind a Sankey
 *		diagram.  journey.paths (src/paths.sql) runs path_edges per customer
 *		of journey.events and counts the edges.
 *
 * The customer's usable rows (time and event not NULL) are put in journey
 * order: time, then event text in byte order, so that ties never depend on
 * the input order or a collation.  A gap longer than session_timeout opens
 * a new session (an infinite time is an infinite gap, unless both are the
 * same infinity); with collapse_repeats, a row repeating the previous
 * event of its session is dropped.  From the first, the last or every
 * anchor (occurrence), a path walks max_depth positions forward or backward
 * and ends, with one edge to NULL, at the first position that does not
 * exist, lies in another session or lies further than path_window from the
 * anchor (inclusive).  Events are compared for equality under the call's
 * collation (byte for byte unless it is non-deterministic).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "journey.h"

typedef enum PathOccurrence
{
	OCCURRENCE_FIRST,
	OCCURRENCE_LAST,
	OCCURRENCE_EVERY
} PathOccurrence;

/* the checked parameters of a path walk */
typedef struct PathArgs
{
	int			max_depth;
	int			step;			/* +1 forward, -1 backward */
	PathOccurrence occurrence;
	bool		has_timeout;
	int128		timeout;		/* microseconds (days of 24 hours) */
	bool		has_window;
	int128		window;
	bool		collapse;
} PathArgs;

/* one usable row */
typedef struct PathRow
{
	TimestampTz ts;
	text	   *event;			/* detoasted */
	int			session;
} PathRow;

/* a length argument (session_timeout, path_window): NULL = no cut */
static void
CheckLength(FunctionCallInfo fcinfo, int argno, const char *name, bool *has, int128 *span)
{
	Interval   *iv;

	*has = !PG_ARGISNULL(argno);
	if (!*has)
		return;
	iv = PG_GETARG_INTERVAL_P(argno);
	if (iv->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s has a month or year part: expected days, hours or smaller units",
						name, DatumGetCString(DirectFunctionCall1(interval_out, PG_GETARG_DATUM(argno)))),
				 errhint("A month has no fixed length: give the length in days or hours.")));
	/* the span interval comparison uses (the month part is zero) */
	*span = (int128) iv->day * USECS_PER_DAY + iv->time;
	if (*span < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s is negative: expected a length of 0 or more, or NULL for none",
						name, DatumGetCString(DirectFunctionCall1(interval_out, PG_GETARG_DATUM(argno))))));
}

/* "\"value\"" of a text argument, or NULL */
static char *
Quoted(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return "NULL";
	return psprintf("\"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(argno)));
}

/*
 * Check the parameters of a path walk, given as arguments first .. first + 5
 * of the call (max_depth, direction, occurrence, session_timeout,
 * path_window, collapse_repeats); errors are 22023 and name the bad value
 * and what is accepted.
 */
static void
CheckPathArgs(FunctionCallInfo fcinfo, int first, PathArgs *a)
{
	char	   *s;

	memset(a, 0, sizeof(*a));
	if (PG_ARGISNULL(first) || PG_GETARG_INT32(first) < 1 || PG_GETARG_INT32(first) > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_depth %s is out of range 1..1000",
						PG_ARGISNULL(first) ? "NULL" : psprintf("%d", PG_GETARG_INT32(first)))));
	a->max_depth = PG_GETARG_INT32(first);

	s = PG_ARGISNULL(first + 1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(first + 1));
	if (s != NULL && strcmp(s, "forward") == 0)
		a->step = 1;
	else if (s != NULL && strcmp(s, "backward") == 0)
		a->step = -1;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown direction %s: expected forward or backward", Quoted(fcinfo, first + 1))));

	s = PG_ARGISNULL(first + 2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(first + 2));
	if (s != NULL && strcmp(s, "first") == 0)
		a->occurrence = OCCURRENCE_FIRST;
	else if (s != NULL && strcmp(s, "last") == 0)
		a->occurrence = OCCURRENCE_LAST;
	else if (s != NULL && strcmp(s, "every") == 0)
		a->occurrence = OCCURRENCE_EVERY;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown occurrence %s: expected first, last or every", Quoted(fcinfo, first + 2))));

	if (PG_ARGISNULL(first + 5))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("collapse_repeats is NULL: expected true or false")));
	a->collapse = PG_GETARG_BOOL(first + 5);

	CheckLength(fcinfo, first + 3, "session_timeout", &a->has_timeout, &a->timeout);
	CheckLength(fcinfo, first + 4, "path_window", &a->has_window, &a->window);
}

/* journey order: time, then event text in byte order (shorter first) */
static int
CompareRows(const void *x, const void *y)
{
	const PathRow *a = (const PathRow *) x;
	const PathRow *b = (const PathRow *) y;
	int			la,
				lb,
				c;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	la = VARSIZE_ANY_EXHDR(a->event);
	lb = VARSIZE_ANY_EXHDR(b->event);
	c = memcmp(VARDATA_ANY(a->event), VARDATA_ANY(b->event), Min(la, lb));
	if (c != 0)
		return c;
	return (la > lb) - (la < lb);
}

/* event equality under the call's collation */
static bool
SameEvent(text *a, text *b, Oid collid, bool bytewise)
{
	if (bytewise)
		return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
			memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
	return DatumGetBool(DirectFunctionCall2Coll(texteq, collid, PointerGetDatum(a), PointerGetDatum(b)));
}

/*
 * The gap from a to b (b later in journey order) is longer than span:
 * between finite times their difference, otherwise b > a (an infinite gap
 * unless both are the same infinity).
 */
static bool
GapLonger(TimestampTz a, TimestampTz b, int128 span)
{
	if (TIMESTAMP_NOT_FINITE(a) || TIMESTAMP_NOT_FINITE(b))
		return a != b;
	return (int128) b - (int128) a > span;
}

PG_FUNCTION_INFO_V1(journey_path_check_args);

/* journey.path_check_args(max_depth, direction, occurrence, session_timeout, path_window, collapse_repeats) */
Datum
journey_path_check_args(PG_FUNCTION_ARGS)
{
	PathArgs	a;

	CheckPathArgs(fcinfo, 0, &a);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(journey_path_edges);

/*
 * journey.path_edges(ts timestamptz[], events text[], anchor text,
 * max_depth, direction, occurrence, session_timeout, path_window,
 * collapse_repeats) -> (path, anchor_at, depth, from_event, to_event)
 */
Datum
journey_path_edges(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			collid = PG_GET_COLLATION();
	bool		bytewise;
	PathArgs	a;
	Datum	   *tsv,
			   *evv;
	bool	   *tsn,
			   *evn;
	int			nts,
				nev;
	PathRow    *rows;
	int			n = 0,
				m = 0;
	text	   *anchor = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	int			k = 0;
	int		   *anchors;
	int		   *numbers;
	int			nanchors = 0;

	CheckPathArgs(fcinfo, 3, &a);
	InitMaterializedSRF(fcinfo, 0);
	/* a NULL array has no rows (whatever the other's length) */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(0), TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &tsv, &tsn, &nts);
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, -1, false, TYPALIGN_INT, &evv, &evn, &nev);
	if (nts != nev)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ts has %d elements but events has %d: expected arrays of the same length",
						nts, nev)));
	bytewise = !OidIsValid(collid) || get_collation_isdeterministic(collid);

	/* the usable rows in journey order */
	rows = palloc(sizeof(PathRow) * Max(nts, 1));
	for (int i = 0; i < nts; i++)
	{
		if (tsn[i] || evn[i])
			continue;
		rows[n].ts = DatumGetTimestampTz(tsv[i]);
		rows[n].event = DatumGetTextPP(evv[i]);
		n++;
	}
	qsort(rows, n, sizeof(PathRow), CompareRows);

	/* sessions, and the repeats collapsed in place */
	for (int i = 0, session = 1; i < n; i++)
	{
		bool		brk = i > 0 && a.has_timeout &&
			GapLonger(rows[i - 1].ts, rows[i].ts, a.timeout);

		if (brk)
			session++;
		if (a.collapse && i > 0 && !brk && SameEvent(rows[i].event, rows[i - 1].event, collid, bytewise))
			continue;
		rows[m] = rows[i];
		rows[m].session = session;
		m++;
	}

	/* the anchors walked from, with their occurrence numbers */
	anchors = palloc(sizeof(int) * Max(m, 1));
	numbers = palloc(sizeof(int) * Max(m, 1));
	for (int i = 0; i < m; i++)
	{
		if (anchor != NULL && !SameEvent(rows[i].event, anchor, collid, bytewise))
			continue;
		k++;
		if (a.occurrence == OCCURRENCE_LAST)
			nanchors = 0;
		anchors[nanchors] = i;
		numbers[nanchors++] = k;
		if (a.occurrence == OCCURRENCE_FIRST)
			break;
	}

	/* each path: one edge per depth, ending with an edge to NULL */
	for (int j = 0; j < nanchors; j++)
	{
		int			p = anchors[j];
		text	   *from = rows[p].event;

		CHECK_FOR_INTERRUPTS();
		for (int d = 1; d <= a.max_depth; d++)
		{
			int			x = p + a.step * d;
			bool		stop;
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};

			if (x < 0 || x >= m || rows[x].session != rows[p].session)
				stop = true;
			else if (!a.has_window)
				stop = false;
			else if (a.step > 0)
				stop = GapLonger(rows[p].ts, rows[x].ts, a.window);
			else
				stop = GapLonger(rows[x].ts, rows[p].ts, a.window);
			values[0] = Int32GetDatum(numbers[j]);
			values[1] = TimestampTzGetDatum(rows[p].ts);
			values[2] = Int32GetDatum(d);
			values[3] = PointerGetDatum(from);
			if (stop)
				nulls[4] = true;
			else
				values[4] = PointerGetDatum(rows[x].event);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			if (stop)
				break;
			from = rows[x].event;
		}
	}
	return (Datum) 0;
}
