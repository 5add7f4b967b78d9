/*
 * session.c
 *		journey.session_number: sessionisation as a window function
 *		(funnels.md 6).  Over PARTITION BY customer ORDER BY ts, each row gets
 *		the 1-based number of its session: a new session starts after a gap
 *		longer than the timeout, or when the session would last longer than
 *		max_length.  O(1) state per partition, O(1) work per row, independent
 *		of the frame clause.
 */
#include "postgres.h"

#include "common/int.h"
#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "journey.h"

/* per-partition state, zeroed by the executor at each partition start */
typedef struct SessionState
{
	bool		started;		/* a row with a non-NULL ts has been seen */
	int64		number;			/* current session number */
	int64		prev;			/* ts of the previous non-NULL row */
	int64		start;			/* ts where the current session began */
} SessionState;

/*
 * An interval argument as microseconds: days count as exactly 24 hours, a
 * month part is refused (a month has no fixed length), negative is refused.
 */
static int64
IntervalArgMicros(WindowObject winobj, int argno, const char *name, bool *isnull)
{
	Interval   *iv;
	int64		us;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, isnull);

	if (*isnull)
		return 0;
	iv = DatumGetIntervalP(d);
	if (iv->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s has a month or year part", name,
						DatumGetCString(DirectFunctionCall1(interval_out, d))),
				 errhint("A month has no fixed length: give the %s in days or hours.", name)));
	if (pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &us) ||
		pg_add_s64_overflow(us, iv->time, &us))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is out of range", name)));
	if (us < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s is negative", name,
						DatumGetCString(DirectFunctionCall1(interval_out, d)))));
	return us;
}

/* b - a, saturating at the int64 range (for +-infinity timestamps) */
static int64
SaturatingDiff(int64 b, int64 a)
{
	int64		d;

	if (!pg_sub_s64_overflow(b, a, &d))
		return d;
	return b > a ? PG_INT64_MAX : PG_INT64_MIN;
}

PG_FUNCTION_INFO_V1(session_number);

/*
 * session_number(ts, timeout [, max_length]): timestamp and timestamptz share
 * it, both being int64 microseconds.
 */
Datum
session_number(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	SessionState *st = (SessionState *) WinGetPartitionLocalMemory(winobj, sizeof(SessionState));
	bool		isnull;
	int64		ts;
	int64		timeout;
	int64		max_length = 0;
	bool		has_max = false;

	timeout = IntervalArgMicros(winobj, 1, "timeout", &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("timeout must not be NULL")));
	if (PG_NARGS() > 2)
	{
		max_length = IntervalArgMicros(winobj, 2, "max_length", &isnull);
		has_max = !isnull;
	}

	ts = DatumGetInt64(WinGetFuncArgCurrent(winobj, 0, &isnull));
	if (isnull)
		PG_RETURN_NULL();

	if (!st->started)
	{
		st->started = true;
		st->number = 1;
		st->start = ts;
	}
	else
	{
		if (ts < st->prev)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("session_number needs rows in timestamp order"),
					 errhint("Use OVER (PARTITION BY ... ORDER BY the timestamp argument).")));
		if (SaturatingDiff(ts, st->prev) > timeout ||
			(has_max && SaturatingDiff(ts, st->start) > max_length))
		{
			st->number++;
			st->start = ts;
		}
	}
	st->prev = ts;
	PG_RETURN_INT64(st->number);
}
