/*
 * window_funnel.c
 *		fmgr glue of journey.window_funnel and journey.window_funnel_times
 *		(funnels.md 1 to 3); the algorithms are in funnel_core.c.
 *
 * The aggregate state is internal: a FunnelState holding the parameters
 * (window, modes, number of steps, exclusion pairs) and one row per usable
 * row, grown in the aggregate's memory context.  Per customer it grows
 * with that customer's matching rows only (8 bytes each, or 16 once a row
 * matches a step above 8 or an exclusion; after a 24-byte header plus 2
 * bytes per exclusion pair).  Partial states of a parallel plan travel
 * serialised as bytea; the combine function concatenates rows, and the
 * final function sorts them (stably, by time), so the result does not
 * depend on how rows were split.
 *
 * Sorting in place in the final function changes no result (the rows are a
 * multiset ordered stably by time), so window_funnel and
 * window_funnel_times over the same arguments may share one state.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/pg_locale.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "funnel_core.h"
#include "journey.h"

#define FUNNEL_STATE_VERSION	2	/* of the parallel wire format */
#define FUNNEL_MAX_ROWS			((int64) INT32_MAX)

/*
 * The rows follow the header in the same allocation, so a row costs one
 * cache miss more than the group's hash entry, not two; growing the state
 * may move it, so every function that adds rows returns the state.  The
 * header is kept small (24 bytes without exclusion pairs) because on an
 * event log in time order every row goes to a random customer's state, so
 * the states of all customers are the working set: with the parameters in
 * the layout of FunnelParams (a 112-byte header) and capacities doubling
 * from 4 rows, the 2 M events of 100 000 customers of
 * test/bench/funnel_parts.sh took 99 MB of hash-aggregate memory; with
 * this header 67 MB, and 43 MB with packed rows (below).  evaluate expands
 * the parameters into a FunnelParams for funnel_core, which takes the rows
 * as they are, at either width.
 */
typedef struct FunnelState
{
	int64		window;			/* microseconds, >= 0 */
	int32		nrows;
	int32		capacity;		/* rows of the current width */
	uint8		modes;			/* FUNNEL_* mode bits */
	uint8		nsteps;			/* 0 until a non-NULL steps array */
	uint8		nexclusions;
	bool		nonempty;		/* a row with a non-NULL timestamp was seen */
	bool		sorted;			/* rows are in time order */
	bool		wide;			/* rows are FunnelRow, not PackedRow */
	/* excl_from[nexclusions], then excl_to[nexclusions] */
	uint8		pairs[FLEXIBLE_ARRAY_MEMBER];
} FunnelState;

/* the size of the header of a state with n exclusion pairs */
#define STATE_HEADER_SIZE(n)	MAXALIGN(offsetof(FunnelState, pairs) + 2 * (Size) (n))
#define ROW_SIZE(wide)			((wide) ? sizeof(FunnelRow) : sizeof(PackedRow))
#define STATE_SIZE(n, wide, capacity) \
	(STATE_HEADER_SIZE(n) + (Size) (capacity) * ROW_SIZE(wide))
/* a new state takes 128 bytes, room for 13 packed rows */
#define INITIAL_STATE_SIZE		128

/*
 * Rows are FunnelPackedRows (funnel_core.h) until a row that does not fit
 * arrives; then the state is widened to FunnelRows once (widen).
 */
typedef FunnelPackedRow PackedRow;

#define PACKED_STEP_MASK		FUNNEL_PACKED_STEP_MASK

StaticAssertDecl(FUNNEL_KNOWN_MODES <= PG_UINT8_MAX, "the modes fit in FunnelState.modes");

static inline FunnelRow
unpack_row(PackedRow p)
{
	FunnelRow	r;

	r.ts = funnel_packed_ts(p);
	r.steps = funnel_packed_steps(p);
	r.exclusions = 0;
	return r;
}

static inline char *
state_data(const FunnelState *st)
{
	return (char *) st + STATE_HEADER_SIZE(st->nexclusions);
}

static inline FunnelRow *
state_wide_rows(const FunnelState *st)
{
	Assert(st->wide);
	return (FunnelRow *) state_data(st);
}

static inline PackedRow *
state_packed_rows(const FunnelState *st)
{
	Assert(!st->wide);
	return (PackedRow *) state_data(st);
}

/* row i of a state of either width */
static inline FunnelRow
state_row(const FunnelState *st, int32 i)
{
	return st->wide ? state_wide_rows(st)[i] : unpack_row(state_packed_rows(st)[i]);
}

static inline uint8 *
state_excl_to(FunnelState *st)
{
	return st->pairs + st->nexclusions;
}

/*
 * A serialised state (parallel plans only, so between processes of the
 * same build): a version byte, then the state's header and its rows at
 * their width, unaligned.
 */
#define FUNNEL_WIRE_HEADER		1

/* the parameter values last seen by this call site (fn_extra) */
typedef struct FunnelArgCache
{
	bool		have_window;
	Interval	window_arg;		/* the last window */
	int64		window;			/* and its length in microseconds */
	text	   *mode;			/* a copy of the last mode text */
	uint32		modes;
	ArrayType  *pairs;			/* a copy of the last exclusion_steps */
	int			nexclusions;
	uint8		excl_from[FUNNEL_MAX_EXCLUSIONS];
	uint8		excl_to[FUNNEL_MAX_EXCLUSIONS];
	bool		params_const;	/* window, mode and pairs are constants of
								 * the call: read once, not per row */
	struct EventSteps *events;	/* window_funnel_events: the step values */
} FunnelArgCache;

static void
check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* ---------------------------------------------------------------------
 * Parameters
 * --------------------------------------------------------------------- */

/* the conversion window in microseconds; 1 day = 24 h; months refused */
static int64
window_usecs(Interval *w)
{
	int64		usecs;

	if (w->month != 0 ||
		pg_mul_s64_overflow((int64) w->day, USECS_PER_DAY, &usecs) ||
		pg_add_s64_overflow(usecs, w->time, &usecs) || usecs < 0)
	{
		char	   *s = DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(w)));

		if (w->month != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel conversion window \"%s\" has a month or year part", s),
					 errdetail("A month has no fixed length."),
					 errhint("Give the window in days or hours.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel conversion window \"%s\" is out of range", s),
				 errdetail("The window must be zero or positive.")));
	}
	return usecs;
}

static uint32
parse_modes(text *mode)
{
	uint32		modes;
	const char *word = NULL;
	size_t		wordlen = 0;

	switch (funnel_parse_modes(VARDATA_ANY(mode), VARSIZE_ANY_EXHDR(mode), &modes, &word, &wordlen))
	{
		case FUNNEL_MODE_OK:
			break;
		case FUNNEL_MODE_LEGACY_STRICT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel mode \"strict\" is not supported"),
					 errhint("It is now called \"strict_deduplication\", as in ClickHouse.")));
			break;
		case FUNNEL_MODE_UNKNOWN:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown window_funnel mode \"%.*s\"", (int) wordlen, word),
					 errhint("Valid modes are strict_deduplication, strict_order, strict_increase, strict_once and allow_reentry, as a comma-separated list; '' is the default.")));
			break;
		case FUNNEL_MODE_REENTRY_ALONE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel mode \"allow_reentry\" requires \"strict_order\"")));
			break;
	}
	return modes;
}

/* exclusion_steps: a flat int[] of pairs {from, to, ...} */
static void
parse_pairs(ArrayType *pairs, FunnelArgCache *c)
{
	int			n;
	int32	   *v;

	if (ARR_NDIM(pairs) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel exclusion_steps must be a one-dimensional array")));
	n = ARR_NDIM(pairs) == 0 ? 0 : ARR_DIMS(pairs)[0];
	if (ARR_HASNULL(pairs))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("window_funnel exclusion_steps must not contain NULL")));
	if (n % 2 != 0 || n / 2 > FUNNEL_MAX_EXCLUSIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel exclusion_steps must hold 0 to %d pairs (from step, to step), not %d values",
						FUNNEL_MAX_EXCLUSIONS, n)));
	v = (int32 *) ARR_DATA_PTR(pairs);
	c->nexclusions = n / 2;
	for (int x = 0; x < n / 2; x++)
	{
		int32		a = v[2 * x],
					b = v[2 * x + 1];

		if (a < 1 || b > FUNNEL_MAX_STEPS || a >= b)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel exclusion %d is between steps %d and %d", x + 1, a, b),
					 errdetail("Each pair needs 1 <= from step < to step <= the number of steps.")));
		c->excl_from[x] = (uint8) a;
		c->excl_to[x] = (uint8) b;
	}
}

/* exclusion pairs must lie inside the funnel once its size is known */
static void
check_pairs_fit(FunnelState *st)
{
	const uint8 *from = st->pairs;
	const uint8 *to = state_excl_to(st);

	for (int x = 0; x < st->nexclusions; x++)
		if (st->nsteps > 0 && to[x] > st->nsteps)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel exclusion %d is between steps %d and %d, but the funnel has %d steps",
							x + 1, from[x], to[x], st->nsteps)));
}

/* a one-dimensional bool array of 1..32 elements: its bitmask and length */
static uint32
bool_mask(ArrayType *a, int *len, const char *what, int max)
{
	int			n;
	bool	   *data;
	bits8	   *nulls;
	uint32		mask = 0;
	int			k = 0;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel %s must be a one-dimensional array", what)));
	n = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	if (n > max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel takes at most %d %s, not %d", max, what, n)));
	data = (bool *) ARR_DATA_PTR(a);
	nulls = ARR_NULLBITMAP(a);
	for (int i = 0; i < n; i++)
	{
		if (nulls && !(nulls[i / 8] & (1 << (i % 8))))
			continue;			/* NULL counts as false */
		if (data[k++])
			mask |= UINT32_C(1) << i;
	}
	*len = n;
	return mask;
}

static void
params_differ(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("window_funnel %s changed within one group", what),
			 errdetail("The window, mode, number of steps and exclusion steps must be the same on every row of a group.")));
}

static bool
same_exclusions(FunnelState *st, int n, const uint8 *from, const uint8 *to)
{
	return st->nexclusions == n &&
		memcmp(st->pairs, from, n) == 0 && memcmp(state_excl_to(st), to, n) == 0;
}

/* ---------------------------------------------------------------------
 * Transition, combine, serialisation
 * --------------------------------------------------------------------- */

/*
 * The number of rows of a width that fit in a state of at least need
 * rows.  A small request is rounded up to a power of two by PostgreSQL's
 * allocator anyway, so small states take the whole of it; larger ones
 * double from capacity (0 for a new state, which gets need rows exactly).
 */
static int64
fitted_capacity(int nexclusions, bool wide, int64 need, int64 capacity)
{
	Size		header = STATE_HEADER_SIZE(nexclusions);

	if (need > FUNNEL_MAX_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("window_funnel group has more than %d usable rows", INT32_MAX)));
	if (STATE_SIZE(nexclusions, wide, need) <= ALLOCSET_SEPARATE_THRESHOLD)
	{
		Size		size = INITIAL_STATE_SIZE;

		while (size < STATE_SIZE(nexclusions, wide, need))
			size *= 2;
		return (int64) ((size - header) / ROW_SIZE(wide));
	}
	if (capacity == 0)
		return need;
	while (capacity < need)
		capacity *= 2;
	return Min(capacity, FUNNEL_MAX_ROWS);
}

/* a state with room for need rows of a width, its parameters zeroed */
static FunnelState *
new_state(MemoryContext cxt, int nexclusions, bool wide, int64 need)
{
	int64		capacity = fitted_capacity(nexclusions, wide, need, 0);
	FunnelState *st = MemoryContextAllocExtended(cxt, STATE_SIZE(nexclusions, wide, capacity),
												 MCXT_ALLOC_HUGE);

	memset(st, 0, STATE_HEADER_SIZE(nexclusions));
	st->nexclusions = (uint8) nexclusions;
	st->sorted = true;
	st->wide = wide;
	st->capacity = (int32) capacity;
	return st;
}

/* room for more rows; returns the (possibly moved) state */
static FunnelState *
reserve_rows(FunnelState *st, int64 more)
{
	int64		need = (int64) st->nrows + more;

	if (need > st->capacity)
	{
		int64		capacity = fitted_capacity(st->nexclusions, st->wide, need, st->capacity);

		st = repalloc_huge(st, STATE_SIZE(st->nexclusions, st->wide, capacity));
		st->capacity = (int32) capacity;
	}
	return st;
}

/*
 * Turn a state of packed rows into one of FunnelRows with room for more
 * rows; returns the (possibly moved) state.  The rows are expanded in
 * place from the last: wide row i covers packed rows 2i and 2i + 1, which
 * are already expanded when i > 0.
 */
static pg_noinline FunnelState *
widen(FunnelState *st, int64 more)
{
	int64		need = (int64) st->nrows + more;
	int64		capacity = fitted_capacity(st->nexclusions, true, need, st->capacity);
	FunnelRow  *wide;
	const PackedRow *packed;

	Assert(!st->wide);
	st = repalloc_huge(st, STATE_SIZE(st->nexclusions, true, capacity));
	packed = (const PackedRow *) state_data(st);
	wide = (FunnelRow *) state_data(st);
	for (int32 i = st->nrows - 1; i >= 0; i--)
	{
		FunnelRow	r = unpack_row(packed[i]);

		wide[i] = r;
	}
	st->wide = true;
	st->capacity = (int32) capacity;
	return st;
}

/*
 * Whether argument argno of the transition function (1 = the aggregate's
 * first argument) is a constant in the aggregate call: then it is the same
 * on every row.  False when the call cannot be seen (window aggregates).
 */
static bool
agg_arg_is_const(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);

	if (argno < 0)
		return true;			/* the form has no such argument */
	if (aggref == NULL || argno - 1 >= list_length(aggref->args))
		return false;
	return IsA(((TargetEntry *) list_nth(aggref->args, argno - 1))->expr, Const);
}

static FunnelArgCache *read_params_slow(FunctionCallInfo fcinfo, int mode_arg, int pairs_arg,
										int64 *window, uint32 *modes);

/*
 * The parameters of a call (window, mode, exclusion pairs), checked and
 * parsed.  When they are constants (the usual case), they are read on the
 * first row only; otherwise on every row, where the mode and pairs are
 * parsed again only when their bytes change.
 */
static pg_attribute_always_inline FunnelArgCache *
read_params(FunctionCallInfo fcinfo, int mode_arg, int pairs_arg, int64 *window, uint32 *modes)
{
	FunnelArgCache *cache = (FunnelArgCache *) fcinfo->flinfo->fn_extra;

	if (likely(cache != NULL && cache->params_const))
	{
		*window = cache->window;
		*modes = mode_arg > 0 ? cache->modes : 0;
		return cache;
	}
	return read_params_slow(fcinfo, mode_arg, pairs_arg, window, modes);
}

static pg_noinline FunnelArgCache *
read_params_slow(FunctionCallInfo fcinfo, int mode_arg, int pairs_arg, int64 *window, uint32 *modes)
{
	FunnelArgCache *cache = (FunnelArgCache *) fcinfo->flinfo->fn_extra;

	if (unlikely(!journey_in_aggregate(fcinfo)))
		elog(ERROR, "window_funnel_trans called in non-aggregate context");
	if (unlikely(cache == NULL))
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FunnelArgCache));

	if (PG_ARGISNULL(1) || (mode_arg > 0 && PG_ARGISNULL(mode_arg)) ||
		(pairs_arg > 0 && PG_ARGISNULL(pairs_arg)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("window_funnel conversion window, mode and exclusion steps must not be NULL")));
	/* the same window as on the last row: no need to convert it again */
	{
		Interval   *w = PG_GETARG_INTERVAL_P(1);

		if (likely(cache->have_window && w->time == cache->window_arg.time &&
				   w->day == cache->window_arg.day && w->month == cache->window_arg.month))
			*window = cache->window;
		else
		{
			*window = window_usecs(w);
			cache->window_arg = *w;
			cache->window = *window;
			cache->have_window = true;
		}
	}
	*modes = 0;
	if (mode_arg > 0)
	{
		text	   *mode = PG_GETARG_TEXT_PP(mode_arg);

		if (cache->mode == NULL ||
			VARSIZE_ANY_EXHDR(mode) != VARSIZE_ANY_EXHDR(cache->mode) ||
			memcmp(VARDATA_ANY(mode), VARDATA_ANY(cache->mode), VARSIZE_ANY_EXHDR(mode)) != 0)
		{
			uint32		parsed = parse_modes(mode);

			if (cache->mode)
				pfree(cache->mode);
			cache->mode = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(mode));
			memcpy(cache->mode, mode, VARSIZE_ANY(mode));
			cache->modes = parsed;
		}
		*modes = cache->modes;
	}
	if (pairs_arg > 0)
	{
		ArrayType  *pairs = PG_GETARG_ARRAYTYPE_P(pairs_arg);

		if (cache->pairs == NULL || VARSIZE(pairs) != VARSIZE(cache->pairs) ||
			memcmp(pairs, cache->pairs, VARSIZE(pairs)) != 0)
		{
			parse_pairs(pairs, cache);
			if (cache->pairs)
				pfree(cache->pairs);
			cache->pairs = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(pairs));
			memcpy(cache->pairs, pairs, VARSIZE(pairs));
		}
	}
	/* read and checked once: constants need not be read again */
	cache->params_const = agg_arg_is_const(fcinfo, 1) && agg_arg_is_const(fcinfo, mode_arg) &&
		agg_arg_is_const(fcinfo, pairs_arg);
	return cache;
}

/* keep a packable row in a packed state that has room for it */
static pg_attribute_always_inline void
append_packed(FunnelState *st, int64 ts, uint32 steps)
{
	PackedRow  *rows = state_packed_rows(st);
	PackedRow	r = funnel_pack(ts, steps);

	/* an earlier time than the last row's (whatever its steps) */
	if (st->nrows > 0 && r < (rows[st->nrows - 1] & ~PACKED_STEP_MASK))
		st->sorted = false;
	rows[st->nrows++] = r;
}

/* keep a row in a wide state that has room for it */
static pg_attribute_always_inline void
append_wide(FunnelState *st, int64 ts, uint32 steps, uint32 excl)
{
	FunnelRow  *rows = state_wide_rows(st);
	FunnelRow  *row;

	if (st->nrows > 0 && ts < rows[st->nrows - 1].ts)
		st->sorted = false;
	row = &rows[st->nrows++];
	row->ts = ts;
	row->steps = steps;
	row->exclusions = excl;
}

/* keep a row in a state that has room for it; returns the state, maybe moved */
static pg_attribute_always_inline FunnelState *
append_row(FunnelState *st, int64 ts, uint32 steps, uint32 excl)
{
	if (likely(!st->wide))
	{
		if (likely(funnel_packable(ts, steps, excl)))
		{
			append_packed(st, ts, steps);
			return st;
		}
		st = widen(st, 1);
	}
	append_wide(st, ts, steps, excl);
	return st;
}

/*
 * Add one row to the state (created on the first row): check that the
 * parameters match the state's, then keep the row if it can matter.
 * nsteps 0: the steps array was NULL (a row matching no step).
 */
static pg_attribute_always_inline Datum
add_row(FunctionCallInfo fcinfo, int ts_arg, int64 window, uint32 modes,
		const FunnelArgCache *cache, bool with_exclusions,
		uint32 steps, int nsteps, uint32 excl)
{
	FunnelState *st = PG_ARGISNULL(0) ? NULL : (FunnelState *) PG_GETARG_POINTER(0);

	if (unlikely(st == NULL))
	{
		MemoryContext aggcxt;

		if (!AggCheckCallContext(fcinfo, &aggcxt))
			elog(ERROR, "window_funnel_trans called in non-aggregate context");
		st = new_state(aggcxt, with_exclusions ? cache->nexclusions : 0, false, 1);
		st->window = window;
		st->modes = modes;
		st->nsteps = (uint8) nsteps;
		if (with_exclusions)
		{
			memcpy(st->pairs, cache->excl_from, cache->nexclusions);
			memcpy(state_excl_to(st), cache->excl_to, cache->nexclusions);
		}
		check_pairs_fit(st);
	}
	else
	{
		/* constant parameters are the same for every state of the call */
		if (unlikely(!cache->params_const))
		{
			if (window != st->window)
				params_differ("conversion window");
			if (modes != st->modes)
				params_differ("mode");
			if (with_exclusions &&
				!same_exclusions(st, cache->nexclusions, cache->excl_from, cache->excl_to))
				params_differ("exclusion steps");
		}
		if (unlikely(nsteps != st->nsteps) && nsteps != 0)
		{
			if (st->nsteps != 0)
				params_differ("number of steps");
			st->nsteps = (uint8) nsteps;
			check_pairs_fit(st);
		}
	}

	if (PG_ARGISNULL(ts_arg))
		PG_RETURN_POINTER(st);	/* a NULL timestamp skips the row */
	st->nonempty = true;
	if (steps != 0 || excl != 0 || (st->modes & FUNNEL_STRICT_ORDER))
	{
		if (unlikely(st->nrows == st->capacity))
			st = reserve_rows(st, 1);
		st = append_row(st, PG_GETARG_INT64(ts_arg), steps, excl);
	}
	PG_RETURN_POINTER(st);
}

/*
 * window_funnel_trans(state, window, [mode,] ts, steps bool[] [,
 * exclusions bool[], exclusion_steps int[]]): the array forms, told apart
 * by their number of arguments.
 */
PG_FUNCTION_INFO_V1(window_funnel_trans);
Datum
window_funnel_trans(PG_FUNCTION_ARGS)
{
	const int	nargs = PG_NARGS();
	const int	mode_arg = nargs >= 5 ? 2 : -1;
	const int	ts_arg = nargs >= 5 ? 3 : 2;
	const int	steps_arg = ts_arg + 1;
	const int	excl_arg = nargs == 7 ? 5 : -1;
	FunnelArgCache *cache;
	int64		window;
	uint32		modes;
	uint32		steps = 0,
				excl = 0;
	int			nsteps = 0;

	cache = read_params(fcinfo, mode_arg, excl_arg > 0 ? excl_arg + 1 : -1, &window, &modes);
	if (!PG_ARGISNULL(steps_arg))
	{
		steps = bool_mask(PG_GETARG_ARRAYTYPE_P(steps_arg), &nsteps, "steps", FUNNEL_MAX_STEPS);
		if (nsteps == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel needs 1 to %d steps, not 0", FUNNEL_MAX_STEPS)));
	}
	if (excl_arg > 0 && !PG_ARGISNULL(excl_arg))
	{
		int			n;

		excl = bool_mask(PG_GETARG_ARRAYTYPE_P(excl_arg), &n, "exclusions", FUNNEL_MAX_EXCLUSIONS);
		if (n != cache->nexclusions)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel has %d exclusion conditions but %d exclusion step pairs",
							n, cache->nexclusions)));
	}
	return add_row(fcinfo, ts_arg, window, modes, cache, excl_arg > 0, steps, nsteps, excl);
}

/*
 * The forms with the steps as separate boolean arguments (1 to 8 of them,
 * declared in window_funnel.sql): a call with that many steps resolves to
 * these rather than to VARIADIC, which saves building an array per row
 * (about a third of the instructions of a grouped funnel).
 */
static uint32
step_mask(FunctionCallInfo fcinfo, int first_arg, int nsteps)
{
	uint32		steps = 0;

	for (int i = 0; i < nsteps; i++)
		if (!PG_ARGISNULL(first_arg + i) && PG_GETARG_BOOL(first_arg + i))
			steps |= UINT32_C(1) << i;
	return steps;
}

/* the transition of the boolean forms in full */
static pg_noinline Datum
trans_bools_in_full(FunctionCallInfo fcinfo, bool with_mode)
{
	const int	ts_arg = with_mode ? 3 : 2;
	const int	nsteps = PG_NARGS() - ts_arg - 1;
	int64		window;
	uint32		modes;
	FunnelArgCache *cache;

	cache = read_params(fcinfo, with_mode ? 2 : -1, -1, &window, &modes);
	return add_row(fcinfo, ts_arg, window, modes, cache, false,
				   step_mask(fcinfo, ts_arg + 1, nsteps), nsteps, 0);
}

/*
 * The per-row transition of the boolean forms.  Its fast path takes a row
 * of an existing state, with constant parameters already read, a timestamp,
 * room in the state, and a row that can be kept at the state's width; it makes no call but a tail call, so it needs no
 * stack frame of its own.  Every other row goes to trans_bools_in_full.
 */
static pg_attribute_always_inline Datum
trans_bools(FunctionCallInfo fcinfo, bool with_mode)
{
	const int	ts_arg = with_mode ? 3 : 2;
	const int	nsteps = PG_NARGS() - ts_arg - 1;
	FunnelArgCache *cache = (FunnelArgCache *) fcinfo->flinfo->fn_extra;
	FunnelState *st;
	uint32		steps;

	if (unlikely(cache == NULL || !cache->params_const ||
				 PG_ARGISNULL(0) || PG_ARGISNULL(ts_arg)))
		return trans_bools_in_full(fcinfo, with_mode);
	st = (FunnelState *) PG_GETARG_POINTER(0);
	if (unlikely(st->nsteps != nsteps || st->nrows == st->capacity))
		return trans_bools_in_full(fcinfo, with_mode);
	steps = step_mask(fcinfo, ts_arg + 1, nsteps);
	if (steps != 0 || (st->modes & FUNNEL_STRICT_ORDER))
	{
		int64		ts = PG_GETARG_INT64(ts_arg);

		if (likely(!st->wide))
		{
			if (unlikely(!funnel_packable(ts, steps, 0)))
				return trans_bools_in_full(fcinfo, with_mode);
			append_packed(st, ts, steps);
		}
		else
			append_wide(st, ts, steps, 0);
	}
	st->nonempty = true;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(window_funnel_trans_bools);
Datum
window_funnel_trans_bools(PG_FUNCTION_ARGS)
{
	return trans_bools(fcinfo, false);
}

PG_FUNCTION_INFO_V1(window_funnel_trans_mode_bools);
Datum
window_funnel_trans_mode_bools(PG_FUNCTION_ARGS)
{
	return trans_bools(fcinfo, true);
}

/* ---------------------------------------------------------------------
 * The event-value forms: window_funnel_events(window, [mode,] ts, event,
 * VARIADIC steps anyarray).  Step i is event = steps[i] under the type's
 * default equality (a NULL event or step matches nothing), compared in C
 * instead of by one boolean expression per step and row: integers by
 * value, text and varchar under a deterministic collation by their bytes
 * (which is what texteq does then), other types by their equality
 * function.
 * --------------------------------------------------------------------- */

typedef enum EventCompare
{
	EVENT_EQ_FUNCTION,			/* the type's equality function */
	EVENT_EQ_INT,				/* int2, int4, int8: compared as int64 */
	EVENT_EQ_BYTES				/* text, varchar, deterministic collation */
} EventCompare;

typedef struct EventSteps
{
	ArrayType  *array;			/* a copy of the last steps array */
	Oid			collation;		/* and the collation it was read with */
	EventCompare compare;
	int			nsteps;
	bool		steps_const;	/* the array is a constant of the call */
	bool		isnull[FUNNEL_MAX_STEPS];
	Oid			elemtype;
	Datum		values[FUNNEL_MAX_STEPS];	/* pointing into array */
	int64		ints[FUNNEL_MAX_STEPS];		/* EVENT_EQ_INT: the values */
	int32		lengths[FUNNEL_MAX_STEPS];	/* EVENT_EQ_BYTES: data bytes */
	const char *bytes[FUNNEL_MAX_STEPS];
	FmgrInfo	eq;				/* EVENT_EQ_FUNCTION */
} EventSteps;

/*
 * An int2, int4 or int8 Datum as int64.  Not the Datums themselves: the
 * bits above an int4 are not specified (hashtext() returns them
 * zero-extended, fetch_att sign-extended), and int8 is by reference on
 * builds without FLOAT8PASSBYVAL.
 */
static inline int64
int_value(Oid type, Datum d)
{
	return type == INT2OID ? (int64) DatumGetInt16(d) :
		type == INT4OID ? (int64) DatumGetInt32(d) : DatumGetInt64(d);
}

/* parse a steps array into es (its copy lives in cxt) */
static void
parse_event_steps(EventSteps *es, ArrayType *a, Oid collation, MemoryContext cxt)
{
	Oid			elemtype = ARR_ELEMTYPE(a);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *values;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel_events steps must be a one-dimensional array")));
	n = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	if (n < 1 || n > FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel_events needs 1 to %d steps, not %d", FUNNEL_MAX_STEPS, n)));

	if (elemtype == INT2OID || elemtype == INT4OID || elemtype == INT8OID)
		es->compare = EVENT_EQ_INT;
	else if ((elemtype == TEXTOID || elemtype == VARCHAROID) && OidIsValid(collation) &&
			 get_collation_isdeterministic(collation))
		es->compare = EVENT_EQ_BYTES;
	else
	{
		TypeCacheEntry *tc = lookup_type_cache(elemtype, TYPECACHE_EQ_OPR_FINFO);

		if (!OidIsValid(tc->eq_opr_finfo.fn_oid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FUNCTION),
					 errmsg("could not identify an equality operator for type %s",
							format_type_be(elemtype)),
					 errhint("window_funnel_events compares the event with each step by the type's default equality; use window_funnel with boolean steps instead.")));
		fmgr_info_copy(&es->eq, &tc->eq_opr_finfo, cxt);
		es->compare = EVENT_EQ_FUNCTION;
	}

	if (es->array)
		pfree(es->array);
	es->array = MemoryContextAlloc(cxt, VARSIZE(a));
	memcpy(es->array, a, VARSIZE(a));
	es->collation = collation;
	es->elemtype = elemtype;
	es->nsteps = n;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(es->array, elemtype, typlen, typbyval, typalign, &values, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		es->isnull[i] = nulls[i];
		es->values[i] = nulls[i] ? (Datum) 0 : values[i];
		if (es->compare == EVENT_EQ_INT && !nulls[i])
			es->ints[i] = int_value(elemtype, values[i]);
		if (es->compare == EVENT_EQ_BYTES && !nulls[i])
		{
			/* array elements are never compressed or external */
			es->lengths[i] = VARSIZE_ANY_EXHDR(DatumGetPointer(values[i]));
			es->bytes[i] = VARDATA_ANY(DatumGetPointer(values[i]));
		}
	}
	pfree(values);
	pfree(nulls);
}

/*
 * The steps of a call, parsed on the first row when they are a constant
 * (the usual case: VARIADIC constants fold into one constant array), else
 * again whenever their bytes change.
 */
static EventSteps *
read_event_steps(FunctionCallInfo fcinfo, FunnelArgCache *cache, int steps_arg)
{
	EventSteps *es = cache->events;
	ArrayType  *a;

	if (likely(es != NULL && es->steps_const))
		return es;
	if (PG_ARGISNULL(steps_arg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("window_funnel_events steps must not be NULL")));
	a = PG_GETARG_ARRAYTYPE_P(steps_arg);
	if (es == NULL)
		es = cache->events = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EventSteps));
	if (es->array == NULL || es->collation != PG_GET_COLLATION() ||
		VARSIZE(a) != VARSIZE(es->array) || memcmp(a, es->array, VARSIZE(a)) != 0)
		parse_event_steps(es, a, PG_GET_COLLATION(), fcinfo->flinfo->fn_mcxt);
	es->steps_const = agg_arg_is_const(fcinfo, steps_arg);
	return es;
}

/* the steps an event value matches, as a bitmask */
static inline uint32
event_step_mask(const EventSteps *es, Datum event)
{
	uint32		mask = 0;

	switch (es->compare)
	{
		case EVENT_EQ_INT:
			{
				int64		v = int_value(es->elemtype, event);

				for (int i = 0; i < es->nsteps; i++)
					if (es->ints[i] == v && !es->isnull[i])
						mask |= UINT32_C(1) << i;
			}
			break;
		case EVENT_EQ_BYTES:
			{
				struct varlena *v = PG_DETOAST_DATUM_PACKED(event);
				int32		len = VARSIZE_ANY_EXHDR(v);
				const char *data = VARDATA_ANY(v);

				for (int i = 0; i < es->nsteps; i++)
					if (es->lengths[i] == len && !es->isnull[i] &&
						memcmp(es->bytes[i], data, len) == 0)
						mask |= UINT32_C(1) << i;
				if ((Pointer) v != DatumGetPointer(event))
					pfree(v);
			}
			break;
		case EVENT_EQ_FUNCTION:
			for (int i = 0; i < es->nsteps; i++)
				if (!es->isnull[i] &&
					DatumGetBool(FunctionCall2Coll((FmgrInfo *) &es->eq, es->collation,
												   event, es->values[i])))
					mask |= UINT32_C(1) << i;
			break;
	}
	return mask;
}

/*
 * window_funnel_events_trans(state, window, [mode,] ts, event, steps):
 * the forms told apart by their number of arguments.
 */
PG_FUNCTION_INFO_V1(window_funnel_events_trans);
Datum
window_funnel_events_trans(PG_FUNCTION_ARGS)
{
	const int	mode_arg = PG_NARGS() == 6 ? 2 : -1;
	const int	ts_arg = PG_NARGS() == 6 ? 3 : 2;
	const int	event_arg = ts_arg + 1;
	const int	steps_arg = ts_arg + 2;
	FunnelArgCache *cache;
	EventSteps *es;
	int64		window;
	uint32		modes;
	uint32		steps;

	cache = read_params(fcinfo, mode_arg, -1, &window, &modes);
	es = read_event_steps(fcinfo, cache, steps_arg);
	steps = PG_ARGISNULL(event_arg) ? 0 : event_step_mask(es, PG_GETARG_DATUM(event_arg));
	return add_row(fcinfo, ts_arg, window, modes, cache, false, steps, es->nsteps, 0);
}

static void
check_same_params(FunnelState *a, FunnelState *b)
{
	if (a->window != b->window)
		params_differ("conversion window");
	if (a->modes != b->modes)
		params_differ("mode");
	if (!same_exclusions(a, b->nexclusions, b->pairs, state_excl_to(b)))
		params_differ("exclusion steps");
	if (a->nsteps != 0 && b->nsteps != 0 && a->nsteps != b->nsteps)
		params_differ("number of steps");
}

/*
 * append b's rows to a (in a's memory context); returns a, maybe moved.
 * a is widened if b is wide.
 */
static FunnelState *
append_rows(FunnelState *a, const FunnelState *b)
{
	char	   *dest;

	if (b->nrows == 0)
		return a;
	if (b->wide && !a->wide)
		a = widen(a, b->nrows);
	else
		a = reserve_rows(a, b->nrows);
	if (!b->sorted ||
		(a->nrows > 0 && state_row(b, 0).ts < state_row(a, a->nrows - 1).ts))
		a->sorted = false;
	dest = state_data(a) + (Size) a->nrows * ROW_SIZE(a->wide);
	if (a->wide == b->wide)
		memcpy(dest, state_data(b), (Size) b->nrows * ROW_SIZE(b->wide));
	else
	{
		FunnelRow  *rows = (FunnelRow *) dest;

		for (int32 i = 0; i < b->nrows; i++)
			rows[i] = unpack_row(state_packed_rows(b)[i]);
	}
	a->nrows += b->nrows;
	return a;
}

PG_FUNCTION_INFO_V1(window_funnel_combine);
Datum
window_funnel_combine(PG_FUNCTION_ARGS)
{
	FunnelState *a = PG_ARGISNULL(0) ? NULL : (FunnelState *) PG_GETARG_POINTER(0);
	FunnelState *b = PG_ARGISNULL(1) ? NULL : (FunnelState *) PG_GETARG_POINTER(1);
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "window_funnel_combine called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		int32		capacity;

		a = new_state(aggcxt, b->nexclusions, b->wide, b->nrows);
		capacity = a->capacity;
		/* the parameters, and b's width */
		memcpy(a, b, STATE_HEADER_SIZE(b->nexclusions));
		a->nrows = 0;
		a->capacity = capacity;
		a->sorted = true;
	}
	else
	{
		check_same_params(a, b);
		if (a->nsteps == 0)
		{
			a->nsteps = b->nsteps;
			check_pairs_fit(a);
		}
	}
	a->nonempty |= b->nonempty;
	a = append_rows(a, b);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(window_funnel_serialize);
Datum
window_funnel_serialize(PG_FUNCTION_ARGS)
{
	FunnelState *st = (FunnelState *) PG_GETARG_POINTER(0);
	Size		header = STATE_HEADER_SIZE(st->nexclusions);
	Size		rows = (Size) st->nrows * ROW_SIZE(st->wide);
	Size		size = VARHDRSZ + FUNNEL_WIRE_HEADER + header + rows;
	char	   *p;
	bytea	   *out;

	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("window_funnel partial state of %d rows is too large to pass between parallel workers",
						st->nrows),
				 errhint("Disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	out = palloc(size);
	SET_VARSIZE(out, size);
	p = VARDATA(out);
	*p++ = FUNNEL_STATE_VERSION;
	memcpy(p, st, header);
	memcpy(p + header, state_data(st), rows);
	PG_RETURN_BYTEA_P(out);
}

/* a bool of the serialised header is 0 or 1 (read as a byte: not a bool yet) */
static inline bool
bool_byte_ok(const char *wire, Size offset)
{
	return (uint8) wire[FUNNEL_WIRE_HEADER + offset] <= 1;
}

/*
 * The state is made in the current (per-input-row) memory context, not the
 * aggregate's: the combine function copies it into its group's state, so
 * it is garbage once combined (PostgreSQL's own deserialise functions do
 * the same).
 */
PG_FUNCTION_INFO_V1(window_funnel_deserialize);
Datum
window_funnel_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(in);
	Size		len = VARSIZE_ANY_EXHDR(in);
	union
	{
		FunnelState st;
		char		bytes[offsetof(FunnelState, pairs)];
	}			h;
	FunnelState *st;
	bool		valid;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "window_funnel_deserialize called in non-aggregate context");
	if (len < FUNNEL_WIRE_HEADER + offsetof(FunnelState, pairs) || p[0] != FUNNEL_STATE_VERSION)
		elog(ERROR, "window_funnel partial state is corrupt");
	memcpy(h.bytes, p + FUNNEL_WIRE_HEADER, sizeof(h.bytes));
	valid = h.st.nsteps <= FUNNEL_MAX_STEPS && (h.st.modes & ~FUNNEL_KNOWN_MODES) == 0 &&
		h.st.window >= 0 && h.st.nexclusions <= FUNNEL_MAX_EXCLUSIONS && h.st.nrows >= 0 &&
		bool_byte_ok(p, offsetof(FunnelState, nonempty)) &&
		bool_byte_ok(p, offsetof(FunnelState, sorted)) &&
		bool_byte_ok(p, offsetof(FunnelState, wide)) &&
		len == FUNNEL_WIRE_HEADER + STATE_HEADER_SIZE(h.st.nexclusions) +
		(Size) h.st.nrows * ROW_SIZE(h.st.wide);
	if (!valid)
		elog(ERROR, "window_funnel partial state is corrupt");

	st = new_state(CurrentMemoryContext, h.st.nexclusions, h.st.wide, h.st.nrows);
	memcpy(st, p + FUNNEL_WIRE_HEADER, STATE_HEADER_SIZE(h.st.nexclusions));
	st->capacity = (int32) fitted_capacity(h.st.nexclusions, h.st.wide, h.st.nrows, 0);
	memcpy(state_data(st), p + FUNNEL_WIRE_HEADER + STATE_HEADER_SIZE(h.st.nexclusions),
		   (Size) h.st.nrows * ROW_SIZE(h.st.wide));
	PG_RETURN_POINTER(st);
}

/* ---------------------------------------------------------------------
 * Final functions
 * --------------------------------------------------------------------- */

/*
 * Sort the rows of a state that are not in time order, stably, in place:
 * a window aggregate then sorts them once.
 */
static void
sort_state(FunnelState *st)
{
	Size		n = st->nrows;
	Size		row = ROW_SIZE(st->wide);
	union
	{
		FunnelRow	wide[64];
		PackedRow	packed[128];
	}			buf;			/* aligned for either width */
	void	   *tmp;

	tmp = n * row <= sizeof(buf) ? (void *) &buf :
		MemoryContextAllocHuge(CurrentMemoryContext, n * row);
	if (st->wide)
		funnel_sort(state_wide_rows(st), n, tmp, check_interrupts);
	else
		funnel_sort_packed(state_packed_rows(st), n, tmp, check_interrupts);
	if (tmp != (void *) &buf)
		pfree(tmp);
	st->sorted = true;
}

/*
 * Evaluate a state, its rows as they are (packed or wide); false for an
 * empty group (the result is NULL).  Beside the state it needs the sort's
 * buffer (when the rows came unsorted) and funnel_core's scratch.
 */
static bool
evaluate(FunnelState *st, bool want_times, FunnelResult *res)
{
	FunnelParams params;
	void	   *scratch;
	Size		size;

	if (st == NULL || !st->nonempty)
		return false;
	if (st->nsteps == 0)
	{
		/* every steps array was NULL: rows, but no step */
		memset(res, 0, sizeof(*res));
		return true;
	}
	memset(&params, 0, sizeof(params));
	params.window = st->window;
	params.modes = st->modes;
	params.nsteps = st->nsteps;
	params.nexclusions = st->nexclusions;
	memcpy(params.excl_from, st->pairs, st->nexclusions);
	memcpy(params.excl_to, state_excl_to(st), st->nexclusions);
	if (!st->sorted)
		sort_state(st);
	size = st->wide ? funnel_scratch_size(state_wide_rows(st), st->nrows, &params, want_times) :
		funnel_scratch_size_packed(state_packed_rows(st), st->nrows, &params, want_times);
	scratch = size > 0 ? MemoryContextAllocHuge(CurrentMemoryContext, size) : NULL;
	if (st->wide)
		funnel_evaluate(&params, state_wide_rows(st), st->nrows, want_times, scratch,
						check_interrupts, res);
	else
		funnel_evaluate_packed(&params, state_packed_rows(st), st->nrows, want_times, scratch,
							   check_interrupts, res);
	if (scratch)
		pfree(scratch);
	if (res->inconsistent)
		elog(ERROR, "window_funnel found no attempt of level %d", res->level);
	return true;
}

PG_FUNCTION_INFO_V1(window_funnel_final);
Datum
window_funnel_final(PG_FUNCTION_ARGS)
{
	FunnelResult res;

	if (PG_ARGISNULL(0) || !evaluate((FunnelState *) PG_GETARG_POINTER(0), false, &res))
		PG_RETURN_NULL();
	PG_RETURN_INT32(res.level);
}

static Datum
times_final(FunctionCallInfo fcinfo, Oid elemtype)
{
	FunnelResult res;
	Datum		elems[FUNNEL_MAX_STEPS];

	if (PG_ARGISNULL(0) || !evaluate((FunnelState *) PG_GETARG_POINTER(0), true, &res) ||
		res.times_null)
		PG_RETURN_NULL();
	for (int i = 0; i < res.ntimes; i++)
		elems[i] = Int64GetDatum(res.times[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, res.ntimes, elemtype, sizeof(int64),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(window_funnel_times_final);
Datum
window_funnel_times_final(PG_FUNCTION_ARGS)
{
	return times_final(fcinfo, TIMESTAMPTZOID);
}

PG_FUNCTION_INFO_V1(window_funnel_times_ts_final);
Datum
window_funnel_times_ts_final(PG_FUNCTION_ARGS)
{
	return times_final(fcinfo, TIMESTAMPOID);
}
