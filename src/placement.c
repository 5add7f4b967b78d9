/*
 * placement.c
 *		fmgr glue of benchmark placement: journey.benchmark_percentile, the
 *		percentile rank of a value among peer values or its placement from
 *		published quantiles.  The counting and the interpolation live in
 *		placement_core.c.
 *
 * A benchmark array is usually the same for every row of a query (a
 * literal, or one row of journey.benchmarks joined to many rows), and can be
 * large and TOASTed.  Detoasting and parsing it per row would cost O(N) per
 * row, so both functions keep the parsed array in fn_extra, in the
 * function's own memory context (which lives as long as the query's
 * expression state), together with a key that identifies the argument:
 *
 *	- an external on-disk (TOASTed) value: its TOAST pointer, the value id
 *	  and the TOAST relation.  A TOAST value is never changed in place, and
 *	  its id cannot be reused while the query's snapshot may still see it;
 *	- an inline value (plain, short-header or compressed): a copy of its
 *	  bytes, compared with memcmp, which is far cheaper than a parse;
 *	- an in-memory external value (expanded, as in PL/pgSQL variables, or
 *	  indirect): flattened first, then keyed on the flat bytes;
 *	- a Const argument (a literal array) cannot change, so after the first
 *	  call it is not compared at all.
 *
 * Peer values are counted in one O(N) pass the first time an array is seen,
 * so a query whose rows each bring their own array never sorts; the second
 * call with the same array sorts the cached copy once, and every later call
 * is two binary searches, O(log N).
 */
#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "placement_core.h"

/* ----------------------------------------------------------------
 * Identity of an array argument across calls
 * ----------------------------------------------------------------
 */

typedef struct ArrayKey
{
	bool		valid;			/* set only after a successful parse */
	bool		ondisk;			/* keyed on a TOAST pointer, else on bytes */
	Oid			valueid;		/* TOAST pointer: value id ... */
	Oid			toastrelid;		/* ... in this TOAST relation */
	Size		len;			/* bytes: the raw varlena, header included */
	Size		cap;
	char	   *bytes;			/* in fn_mcxt */
} ArrayKey;

/*
 * The varlena to key on: the argument itself, or for an in-memory external
 * value (expanded or indirect) a flattened copy in the current context.
 */
static struct varlena *
KeySource(Datum d)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_EXTERNAL(raw) && !VARATT_IS_EXTERNAL_ONDISK(raw))
		return detoast_attr(raw);
	return raw;
}

/* whether src is the value key was made from */
static bool
KeyMatches(const ArrayKey *key, const struct varlena *src)
{
	if (!key->valid)
		return false;
	if (VARATT_IS_EXTERNAL_ONDISK(src))
	{
		struct varatt_external toast_pointer;

		if (!key->ondisk)
			return false;
		VARATT_EXTERNAL_GET_POINTER(toast_pointer, src);
		return toast_pointer.va_valueid == key->valueid &&
			toast_pointer.va_toastrelid == key->toastrelid;
	}
	return !key->ondisk && VARSIZE_ANY(src) == key->len &&
		memcmp(src, key->bytes, key->len) == 0;
}

/* make key identify src; the copy of the bytes goes to cxt */
static void
KeyRemember(ArrayKey *key, const struct varlena *src, MemoryContext cxt)
{
	if (VARATT_IS_EXTERNAL_ONDISK(src))
	{
		struct varatt_external toast_pointer;

		VARATT_EXTERNAL_GET_POINTER(toast_pointer, src);
		key->ondisk = true;
		key->valueid = toast_pointer.va_valueid;
		key->toastrelid = toast_pointer.va_toastrelid;
	}
	else
	{
		Size		len = VARSIZE_ANY(src);

		if (key->cap < len)
		{
			if (key->bytes != NULL)
				pfree(key->bytes);
			key->bytes = MemoryContextAlloc(cxt, len);
			key->cap = len;
		}
		memcpy(key->bytes, src, len);
		key->len = len;
		key->ondisk = false;
	}
	key->valid = true;
}

/* whether argument argnum of the call is a Const (a literal) */
static bool
ArgIsConst(FmgrInfo *flinfo, int argnum)
{
	Node	   *expr = flinfo->fn_expr;
	List	   *args;

	if (expr == NULL || !IsA(expr, FuncExpr))
		return false;
	args = ((FuncExpr *) expr)->args;
	return argnum < list_length(args) && IsA(list_nth(args, argnum), Const);
}

/* ----------------------------------------------------------------
 * Reading float8 arrays
 * ----------------------------------------------------------------
 */

/* make room for n doubles in *buf (capacity *cap), allocated in cxt */
static void
Reserve(double **buf, Size *cap, Size n, MemoryContext cxt)
{
	if (*cap >= n && *buf != NULL)
		return;
	if (*buf != NULL)
		pfree(*buf);
	*buf = MemoryContextAlloc(cxt, mul_size(Max(n, 1), sizeof(double)));
	*cap = n;
}

/*
 * Copy the elements of the float8 array src into *buf (grown in cxt) and
 * return how many were copied.  NULL elements are skipped when skip_nulls,
 * else an error; NaN is an error when reject_nan.  what and what1 name the
 * array and one element ("peer values", "peer value") in messages, and
 * positions are 1-based ordinals, NULLs included.
 */
static Size
ReadFloat8Array(struct varlena *src, const char *what, const char *what1,
				bool skip_nulls, bool reject_nan,
				double **buf, Size *cap, MemoryContext cxt)
{
	ArrayType  *arr = DatumGetArrayTypeP(PointerGetDatum(src));
	int			nitems;
	bits8	   *bitmap;
	const char *data;
	Size		n = 0;

	if (ARR_ELEMTYPE(arr) != FLOAT8OID)
		elog(ERROR, "%s array has element type %u, expected float8", what, ARR_ELEMTYPE(arr));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, got %d dimensions",
						what, ARR_NDIM(arr))));
	nitems = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	Reserve(buf, cap, nitems, cxt);
	bitmap = ARR_NULLBITMAP(arr);
	data = ARR_DATA_PTR(arr);
	for (int i = 0; i < nitems; i++)
	{
		double		v;

		if (bitmap != NULL && (bitmap[i / 8] & (1 << (i % 8))) == 0)
		{
			if (skip_nulls)
				continue;
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s at position %d is NULL", what1, i + 1),
					 errdetail("A quantile table must not contain NULL elements.")));
		}
		/* float8 elements are 8 bytes apart, NULLs take no space */
		memcpy(&v, data, sizeof(double));
		data += sizeof(double);
		if (reject_nan && isnan(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s at position %d is NaN", what1, i + 1),
					 errhint("Use NULL for a missing %s; NULLs are ignored.", what1)));
		(*buf)[n++] = v;
	}
	if ((Pointer) arr != (Pointer) src)
		pfree(arr);
	return n;
}

#ifdef USE_ASSERT_CHECKING
/* the binary searches need increasing values: checked once per sort */
static void
AssertCheckSorted(const double *values, Size n)
{
	for (Size i = 1; i < n; i++)
		Assert(values[i - 1] <= values[i]);
}
#else
#define AssertCheckSorted(values, n) ((void) 0)
#endif

/* the value argument: any float8 but NaN */
static double
GetValueArg(FunctionCallInfo fcinfo, int argno)
{
	double		x = PG_GETARG_FLOAT8(argno);

	if (isnan(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot place NaN among benchmark values"),
				 errdetail("The value to place must be a number; infinities are allowed.")));
	return x;
}

/* ----------------------------------------------------------------
 * Percentile rank among peer values
 * ----------------------------------------------------------------
 */

typedef struct PeersCache
{
	ArrayKey	key;
	bool		arg_const;		/* the peers argument is a literal */
	bool		sorted;			/* values are in increasing order */
	Size		n;				/* non-NULL peers */
	Size		cap;
	double	   *values;			/* in fn_mcxt */
} PeersCache;

/* the tie rule argument */
static PlacementTies
GetTiesArg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t = PG_GETARG_TEXT_PP(argno);
	PlacementTies ties;

	if (!placement_parse_ties(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &ties))
	{
		char	   *s = text_to_cstring(t);

		/*
		 * An untyped '{...}' third argument resolves to this function (text
		 * is preferred for unknown literals), though it was meant as the
		 * values of a quantile table.
		 */
		if (s[0] == '{')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown tie rule \"%s\"", s),
					 errdetail("Valid tie rules are 'mid' (the default), 'below' and 'at-or-below'."),
					 errhint("To place a value from quantiles, cast the third argument (the quantile values) to float8[].")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown tie rule \"%s\"", s),
				 errhint("Valid tie rules are 'mid' (the default), 'below' and 'at-or-below'.")));
	}
	return ties;
}

PG_FUNCTION_INFO_V1(benchmark_percentile_peers);

/*
 * benchmark_percentile(value, peers, ties): percentile rank of value among
 * the non-NULL peers in percent; NULL when there is no peer.
 */
Datum
benchmark_percentile_peers(PG_FUNCTION_ARGS)
{
	double		x = GetValueArg(fcinfo, 0);
	PlacementTies ties = GetTiesArg(fcinfo, 2);
	FmgrInfo   *flinfo = fcinfo->flinfo;
	PeersCache *cache = (PeersCache *) flinfo->fn_extra;
	PlacementCounts c;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(PeersCache));
		cache->arg_const = ArgIsConst(flinfo, 1);
		flinfo->fn_extra = cache;
	}

	if (cache->key.valid && cache->arg_const)
	{
		/* a literal: the same array on every call */
	}
	else
	{
		struct varlena *src = KeySource(PG_GETARG_DATUM(1));

		if (!KeyMatches(&cache->key, src))
		{
			/* a new array: parse it, count in one pass, sort only if seen again */
			cache->key.valid = false;
			cache->n = ReadFloat8Array(src, "peer values", "peer value", true, true,
									   &cache->values, &cache->cap, flinfo->fn_mcxt);
			cache->sorted = false;
			KeyRemember(&cache->key, src, flinfo->fn_mcxt);
			if (cache->n == 0)
				PG_RETURN_NULL();
			c = placement_count_unsorted(cache->values, cache->n, x);
			PG_RETURN_FLOAT8(placement_rank_percent(c, cache->n, ties));
		}
	}

	if (cache->n == 0)
		PG_RETURN_NULL();
	if (!cache->sorted)
	{
		placement_sort(cache->values, cache->n);
		cache->sorted = true;
		AssertCheckSorted(cache->values, cache->n);
	}
	c = placement_count_sorted(cache->values, cache->n, x);
	PG_RETURN_FLOAT8(placement_rank_percent(c, cache->n, ties));
}

/* ----------------------------------------------------------------
 * Placement from published quantiles
 * ----------------------------------------------------------------
 */

typedef struct QuantilesCache
{
	ArrayKey	levels_key;
	ArrayKey	values_key;
	bool		levels_const;	/* the levels argument is a literal */
	bool		values_const;	/* the values argument is a literal */
	Size		m;				/* quantiles, validated */
	Size		levels_cap;
	Size		values_cap;
	double	   *levels;			/* in fn_mcxt */
	double	   *values;			/* in fn_mcxt */
} QuantilesCache;

/* the outside option argument */
static PlacementOutside
GetOutsideArg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t = PG_GETARG_TEXT_PP(argno);
	PlacementOutside outside;

	if (!placement_parse_outside(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &outside))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown outside option \"%s\"", text_to_cstring(t)),
				 errhint("Valid options are 'null' (the default) and 'clamp'.")));
	return outside;
}

/* whether argument argno still is the array key was made from */
static bool
SameArray(FunctionCallInfo fcinfo, int argno, const ArrayKey *key, bool is_const,
		  struct varlena **src)
{
	*src = NULL;
	if (key->valid && is_const)
		return true;
	*src = KeySource(PG_GETARG_DATUM(argno));
	return KeyMatches(key, *src);
}

PG_FUNCTION_INFO_V1(benchmark_percentile_quantiles);

/*
 * benchmark_percentile(value, quantile_levels, quantile_values, outside):
 * placement of value by linear interpolation in a published quantile table,
 * in percent; NULL outside [v1, vm] unless outside is 'clamp'.
 */
Datum
benchmark_percentile_quantiles(PG_FUNCTION_ARGS)
{
	double		x = GetValueArg(fcinfo, 0);
	PlacementOutside outside = GetOutsideArg(fcinfo, 3);
	FmgrInfo   *flinfo = fcinfo->flinfo;
	QuantilesCache *cache = (QuantilesCache *) flinfo->fn_extra;
	struct varlena *levels_src,
			   *values_src;
	bool		same_levels,
				same_values;
	double		percent;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(QuantilesCache));
		cache->levels_const = ArgIsConst(flinfo, 1);
		cache->values_const = ArgIsConst(flinfo, 2);
		flinfo->fn_extra = cache;
	}

	same_levels = SameArray(fcinfo, 1, &cache->levels_key, cache->levels_const, &levels_src);
	same_values = SameArray(fcinfo, 2, &cache->values_key, cache->values_const, &values_src);
	if (!(same_levels && same_values))
	{
		char		msg[256];
		Size		nlevels,
					nvalues;

		cache->levels_key.valid = false;
		cache->values_key.valid = false;
		if (levels_src == NULL)
			levels_src = KeySource(PG_GETARG_DATUM(1));
		if (values_src == NULL)
			values_src = KeySource(PG_GETARG_DATUM(2));
		nlevels = ReadFloat8Array(levels_src, "quantile levels", "quantile level", false, false,
								  &cache->levels, &cache->levels_cap, flinfo->fn_mcxt);
		nvalues = ReadFloat8Array(values_src, "quantile values", "quantile value", false, false,
								  &cache->values, &cache->values_cap, flinfo->fn_mcxt);
		if (nlevels != nvalues)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("quantile levels and values have different lengths %zu and %zu",
							nlevels, nvalues),
					 errdetail("Each quantile level needs exactly one value.")));
		if (placement_check_quantiles(cache->levels, cache->values, nlevels,
									  msg, sizeof(msg)) != PLACEMENT_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid quantile table: %s", msg),
					 errdetail("Levels must be strictly increasing fractions in 0..1, values finite and non-decreasing, at least 2 of each.")));
		cache->m = nlevels;
		KeyRemember(&cache->levels_key, levels_src, flinfo->fn_mcxt);
		KeyRemember(&cache->values_key, values_src, flinfo->fn_mcxt);
	}

	if (!placement_interpolate(cache->levels, cache->values, cache->m, x, outside, &percent))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(percent);
}
