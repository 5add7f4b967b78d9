/*
 * retention.c
 *		journey.retention(VARIADIC conds bool[]) -> bool[], ClickHouse
 *		retention semantics (funnels.md 5.1): r[1] = c1 was true on some row,
 *		r[i] = r[1] AND ci was true on some row.  No timestamps, no order.
 *
 * The state is an int8 (a real type, so the aggregate runs in parallel and
 * Citus can push it down): bits 0..31 say which conditions were seen, bits
 * 32..39 hold the number of conditions N, so that partial states of
 * different N are caught when combined.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"

#include "journey.h"

#define RETENTION_MIN_CONDS	2
#define RETENTION_MAX_CONDS	32
#define RETENTION_N_SHIFT	32

static inline int
StateN(int64 state)
{
	return (int) ((uint64) state >> RETENTION_N_SHIFT);
}

/* check that partial states agree on N */
static void
CheckSameN(int a, int b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("retention conditions changed from %d to %d within one aggregate", a, b),
				 errdetail("Every row of a group must pass the same number of conditions.")));
}

PG_FUNCTION_INFO_V1(retention_trans);
PG_FUNCTION_INFO_V1(retention_combine);
PG_FUNCTION_INFO_V1(retention_final);

/* retention_trans: OR the conditions of one row into the state */
Datum
retention_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *conds;
	int			n;
	bool	   *data;
	bits8	   *nulls;
	uint64		seen = 0;
	int			k = 0;
	int64		state;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "retention_trans called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		/* a NULL array is no row at all */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_INT64(PG_GETARG_INT64(0));
	}
	conds = PG_GETARG_ARRAYTYPE_P(1);
	n = ARR_NDIM(conds) == 0 ? 0 : ARR_DIMS(conds)[0];
	if (ARR_NDIM(conds) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("retention conditions must be a one-dimensional array")));
	if (n < RETENTION_MIN_CONDS || n > RETENTION_MAX_CONDS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("retention needs %d to %d conditions, not %d",
						RETENTION_MIN_CONDS, RETENTION_MAX_CONDS, n)));

	/* non-NULL elements are packed; the bitmap (if any) marks them */
	data = (bool *) ARR_DATA_PTR(conds);
	nulls = ARR_NULLBITMAP(conds);
	for (int i = 0; i < n; i++)
	{
		if (nulls && !(nulls[i / 8] & (1 << (i % 8))))
			continue;			/* NULL counts as false */
		if (data[k++])
			seen |= UINT64CONST(1) << i;
	}

	if (PG_ARGISNULL(0))
		state = (int64) n << RETENTION_N_SHIFT;
	else
	{
		state = PG_GETARG_INT64(0);
		CheckSameN(StateN(state), n);
	}
	PG_RETURN_INT64(state | (int64) seen);
}

/* retention_combine: STRICT; the union of two partial states */
Datum
retention_combine(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_INT64(0);
	int64		b = PG_GETARG_INT64(1);

	CheckSameN(StateN(a), StateN(b));
	PG_RETURN_INT64(a | b);
}

/* retention_final: r[1] = c1 seen, r[i] = c1 seen and ci seen */
Datum
retention_final(PG_FUNCTION_ARGS)
{
	int64		state = PG_GETARG_INT64(0);
	int			n = StateN(state);
	bool		first = (state & 1) != 0;
	Datum		elems[RETENTION_MAX_CONDS];

	/* reachable by calling the function directly with any bigint */
	if (n < RETENTION_MIN_CONDS || n > RETENTION_MAX_CONDS ||
		((uint64) state >> (RETENTION_N_SHIFT + 8)) != 0 ||
		(((uint64) state & UINT64CONST(0xffffffff)) >> n) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid retention state " INT64_FORMAT, state)));
	for (int i = 0; i < n; i++)
		elems[i] = BoolGetDatum(first && (state & (INT64CONST(1) << i)) != 0);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, BOOLOID, 1, true, TYPALIGN_CHAR));
}
