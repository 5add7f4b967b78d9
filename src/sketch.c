/*
 * sketch.c
 *		fmgr glue of journey.quantile_sketch: type I/O, the percentile_agg,
 *		rollup and approx_percentile aggregates, and the accessors.  The
 *		bucket mapping, readers and codecs live in sketch_core.c.
 *
 * Aggregates work on the dense layout (int64 counts with spare slots, so a
 * row is one increment); their final functions return the compact layout
 * (varint counts) that is stored.  Both are values of the same type, so the
 * transition state is a real type and parallel plans and Citus work.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "journey.h"
#include "sketch_core.h"

typedef SketchStored Sketch;

#define DatumGetSketchP(d)		((Sketch *) PG_DETOAST_DATUM(d))
#define PG_GETARG_SKETCH_P(n)	DatumGetSketchP(PG_GETARG_DATUM(n))

StaticAssertDecl(SKETCH_HEADER_SIZE % 8 == 0, "counts must be 8-aligned");

#define DENSE_ACC_SIZE	(sizeof(int64) * SKETCH_ACC_LIMBS)

/* the exact sum accumulator of a working state */
static inline int64 *
DenseAcc(Sketch *s)
{
	return (int64 *) ((char *) s + SKETCH_HEADER_SIZE);
}

/* dense count arrays of a working state */
static inline int64 *
DensePos(Sketch *s)
{
	return DenseAcc(s) + SKETCH_ACC_LIMBS;
}

static inline int64 *
DenseNeg(Sketch *s)
{
	return DensePos(s) + s->pos_capacity;
}

/*
 * A new dense state with the given windows, counts zero; the header comes
 * from hdr, and so does the sum accumulator if hdr is a dense state.
 */
static Sketch *
DenseNew(const Sketch *hdr, int32 pos_offset, int32 pos_cap, int32 neg_offset, int32 neg_cap)
{
	Size		size = add_size(SKETCH_HEADER_SIZE + DENSE_ACC_SIZE,
								mul_size(sizeof(int64), (Size) pos_cap + (Size) neg_cap));
	Sketch	   *s = palloc0(size);

	if (hdr)
	{
		memcpy(s, hdr, SKETCH_HEADER_SIZE);
		if (hdr->flags & SKETCH_FLAG_DENSE)
			memcpy(DenseAcc(s), DenseAcc((Sketch *) hdr), DENSE_ACC_SIZE);
	}
	SET_VARSIZE(s, size);
	s->version = SKETCH_FORMAT_VERSION;
	s->flags |= SKETCH_FLAG_DENSE;
	s->pos_offset = pos_offset;
	s->pos_length = s->pos_capacity = pos_cap;
	s->neg_offset = neg_offset;
	s->neg_length = s->neg_capacity = neg_cap;
	return s;
}

/* the first and last non-zero slots of a count array, or false if none */
static bool
UsedRange(const int64 *c, int32 n, int32 *first, int32 *last)
{
	int32		lo = 0,
				hi = n - 1;

	while (lo < n && c[lo] == 0)
		lo++;
	if (lo == n)
		return false;
	while (c[hi] == 0)
		hi--;
	*first = lo;
	*last = hi;
	return true;
}

/*
 * A copy of dense state s whose window for one store (0 positive, 1
 * negative) covers bucket indexes need_lo..need_hi plus spare slots on the
 * side it grows.  Beyond SKETCH_MAX_BUCKETS the lowest indexes are folded
 * into the lowest kept bucket and the sketch is marked collapsed.
 */
static pg_noinline Sketch *
Reshape(Sketch *s, int store, int32 need_lo, int32 need_hi, double multiplier)
{
	int32		off = store == 0 ? s->pos_offset : s->neg_offset;
	int32		cap = store == 0 ? s->pos_capacity : s->neg_capacity;
	int64	   *old = store == 0 ? DensePos(s) : DenseNeg(s);
	int32		first,
				last;
	int64		lo,
				hi,
				span,
				newcap,
				newoff;
	int32		klo,
				khi;
	bool		grow_down;
	Sketch	   *n;
	int64	   *dst;

	/* the range that must be covered: the used buckets and the new ones */
	lo = need_lo;
	hi = need_hi;
	grow_down = false;
	if (UsedRange(old, cap, &first, &last))
	{
		grow_down = need_lo < off + first;
		lo = Min(lo, (int64) off + first);
		hi = Max(hi, (int64) off + last);
	}
	span = hi - lo + 1;
	if (span > SKETCH_MAX_BUCKETS)
	{
		/* keep the largest magnitudes; fold the rest into the lowest slot */
		lo = hi - SKETCH_MAX_BUCKETS + 1;
		newcap = SKETCH_MAX_BUCKETS;
		newoff = lo;
		s->flags |= SKETCH_FLAG_COLLAPSED;
	}
	else
	{
		/*
		 * Keep the current window and add a quarter of what it must cover
		 * (at least 64 slots) on the side the values grow: a store is
		 * reshaped O(log buckets) times, and a group of a few widely
		 * spread values does not hold twice the slots it needs.
		 */
		int64		wlo = cap > 0 ? Min(lo, (int64) off) : lo;
		int64		whi = cap > 0 ? Max(hi, (int64) off + cap - 1) : hi;
		int64		need = whi - wlo + 1;

		newcap = Min(need + Max(64, need / 4), SKETCH_MAX_BUCKETS);
		if (whi - wlo + 1 > newcap)
		{
			/* the old window and the new value are too far apart */
			wlo = lo;
			whi = hi;
		}
		newoff = grow_down ? whi - newcap + 1 : wlo;
	}
	/* keep the window inside the valid index range */
	sketch_index_range(multiplier, &klo, &khi);
	if (newoff < klo)
		newoff = klo;
	if (newoff + newcap - 1 > khi)
		newcap = khi - newoff + 1;

	if (store == 0)
		n = DenseNew(s, (int32) newoff, (int32) newcap, s->neg_offset, s->neg_capacity);
	else
		n = DenseNew(s, s->pos_offset, s->pos_capacity, (int32) newoff, (int32) newcap);
	/* the other store as it was */
	if (store == 0)
		memcpy(DenseNeg(n), DenseNeg(s), sizeof(int64) * s->neg_capacity);
	else
		memcpy(DensePos(n), DensePos(s), sizeof(int64) * s->pos_capacity);
	/* this store, folding anything below the window into its first slot */
	dst = store == 0 ? DensePos(n) : DenseNeg(n);
	for (int32 i = 0; i < cap; i++)
	{
		int64		idx = (int64) off + i;

		if (old[i] == 0)
			continue;
		dst[idx < newoff ? 0 : idx - newoff] += old[i];
	}
	return n;
}

static Sketch *SparseAdd(Sketch *s, int store, int32 k, int64 c);

/* DenseAdd when bucket k is off the store's window (always when sparse) */
static pg_noinline Sketch *
DenseAddOutside(Sketch *s, int store, int32 k, int64 c)
{
	if (s->flags & SKETCH_FLAG_SPARSE)
		return SparseAdd(s, store, k, c);
	{
	int32		off = store == 0 ? s->pos_offset : s->neg_offset;
	int32		cap = store == 0 ? s->pos_capacity : s->neg_capacity;
	int64	   *slots = store == 0 ? DensePos(s) : DenseNeg(s);

	/*
	 * A full window whose top slot is in use cannot move down: smaller
	 * values are folded into its first slot (without a Reshape per row).
	 */
	if (cap == SKETCH_MAX_BUCKETS && k < off && slots[cap - 1] != 0)
	{
		k = off;
		s->flags |= SKETCH_FLAG_COLLAPSED;
	}
	else
	{
		s = Reshape(s, store, k, k, s->multiplier);
		off = store == 0 ? s->pos_offset : s->neg_offset;
		if (k < off)			/* folded by a collapse */
			k = off;
	}
	(store == 0 ? DensePos(s) : DenseNeg(s))[k - off] += c;
	return s;
	}
}

/* add count c at bucket k of a store, reshaping when k is off the window */
static pg_attribute_always_inline Sketch *
DenseAdd(Sketch *s, int store, int32 k, int64 c)
{
	int32		off = store == 0 ? s->pos_offset : s->neg_offset;
	int32		cap = store == 0 ? s->pos_capacity : s->neg_capacity;

	if (unlikely(k < off || k >= off + cap))
		return DenseAddOutside(s, store, k, c);
	(store == 0 ? DensePos(s) : DenseNeg(s))[k - off] += c;
	return s;
}

/*
 * Sparse working states (sketch_core.h): (bucket, count) pairs instead of
 * windows of slots.  A group starts sparse and becomes dense when it needs
 * more than SKETCH_SPARSE_ENTRIES pairs or reaches SKETCH_SPARSE_MAX_COUNT
 * values; the counts of a pair therefore fit in 32 bits.
 */
typedef struct SparseEntry
{
	int32		key;			/* 2 k + store, for bucket k of a store */
	uint32		count;
} SparseEntry;

#define SPARSE_SIZE \
	(SKETCH_HEADER_SIZE + DENSE_ACC_SIZE + sizeof(SparseEntry) * SKETCH_SPARSE_ENTRIES)

static inline SparseEntry *
SparseEntries(Sketch *s)
{
	return (SparseEntry *) ((char *) DenseAcc(s) + DENSE_ACC_SIZE);
}

/* a new sparse working state with the header hdr (not a state) */
static Sketch *
SparseNew(const Sketch *hdr)
{
	Sketch	   *s = palloc0(SPARSE_SIZE);

	memcpy(s, hdr, SKETCH_HEADER_SIZE);
	SET_VARSIZE(s, SPARSE_SIZE);
	s->version = SKETCH_FORMAT_VERSION;
	s->flags |= SKETCH_FLAG_DENSE | SKETCH_FLAG_SPARSE;
	s->pos_offset = s->neg_offset = 0;
	s->pos_length = s->neg_length = 0;	/* pos_length: pairs in use */
	s->pos_capacity = s->neg_capacity = 0;
	return s;
}

/* pairs by key, descending: the largest bucket of a store first */
static int
CompareEntriesDesc(const void *a, const void *b)
{
	int32		ka = ((const SparseEntry *) a)->key;
	int32		kb = ((const SparseEntry *) b)->key;

	return (ka < kb) - (ka > kb);
}

/*
 * The dense working state of sparse state s (s is not changed).  Each
 * store's window is made once to cover its buckets (a span beyond
 * SKETCH_MAX_BUCKETS collapses as in Reshape); the counts are added from
 * the largest bucket down, so folded buckets go straight to the first slot.
 */
static Sketch *
SparseToDense(const Sketch *s)
{
	SparseEntry entries[SKETCH_SPARSE_ENTRIES];
	int32		n = s->pos_length;
	Sketch	   *d = DenseNew(s, 0, 0, 0, 0);

	d->flags &= ~SKETCH_FLAG_SPARSE;
	memcpy(entries, SparseEntries((Sketch *) s), sizeof(SparseEntry) * n);
	qsort(entries, n, sizeof(SparseEntry), CompareEntriesDesc);
	for (int store = 0; store < 2; store++)
	{
		int32		lo = PG_INT32_MAX,
					hi = PG_INT32_MIN;

		for (int32 i = 0; i < n; i++)
		{
			if ((entries[i].key & 1) != store)
				continue;
			lo = Min(lo, entries[i].key >> 1);
			hi = Max(hi, entries[i].key >> 1);
		}
		if (lo <= hi)
			d = Reshape(d, store, lo, hi, d->multiplier);
	}
	for (int32 i = 0; i < n; i++)
		d = DenseAdd(d, entries[i].key & 1, entries[i].key >> 1, entries[i].count);
	return d;
}

/* DenseAdd of a sparse state; the result may be a (dense) new state */
static pg_noinline Sketch *
SparseAdd(Sketch *s, int store, int32 k, int64 c)
{
	SparseEntry *e = SparseEntries(s);
	int32		key = 2 * k + store;
	int32		n = s->pos_length;
	int32		i;

	for (i = 0; i < n; i++)
		if (e[i].key == key)
			break;
	if (i == n && n == SKETCH_SPARSE_ENTRIES)
		return DenseAdd(SparseToDense(s), store, k, c);
	if (i == n)
	{
		e[n].key = key;
		e[n].count = 0;
		s->pos_length = n + 1;
	}
	e[i].count += (uint32) c;	/* c is 1: one row */
	if (s->count >= SKETCH_SPARSE_MAX_COUNT)
		return SparseToDense(s);
	return s;
}

/*
 * Add x to the exact sum of a working state (sketch_core.h, "Exact sum").
 * A sum beyond the double range is reported when the state is read (ViewOf),
 * not tested per row.
 */
static inline void
AddToSum(Sketch *s, double x)
{
	sketch_acc_add(DenseAcc(s), x);
	if (unlikely(++s->acc_pending >= SKETCH_ACC_MAX_PENDING))
	{
		sketch_acc_normalize(DenseAcc(s));
		s->acc_pending = 0;
	}
}

/*
 * A view of a sketch as SketchData: dense states are trimmed to their used
 * slots in place; compact values are decoded into palloc'd arrays.
 * Validates everything that the view does not make true by construction.
 */
static SketchData
ViewOf(const Sketch *s)
{
	SketchData	d;
	char		msg[160];
	SketchStatus st;

	if (VARSIZE(s) < SKETCH_HEADER_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("quantile_sketch value has %u bytes, fewer than its %zu-byte header",
						VARSIZE(s), SKETCH_HEADER_SIZE)));
	if (s->version < SKETCH_OLDEST_FORMAT || s->version > SKETCH_FORMAT_VERSION ||
		((s->flags & SKETCH_FLAG_DENSE) && s->version != SKETCH_FORMAT_VERSION))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("quantile_sketch value has unknown format version %d", s->version),
				 errdetail("This build of journey reads format versions %d to %d.",
						   SKETCH_OLDEST_FORMAT, SKETCH_FORMAT_VERSION)));
	if ((s->flags & ~SKETCH_KNOWN_FLAGS) || s->reserved != 0 ||
		(s->version == 1 && s->sum_rest != 0) ||
		((s->flags & SKETCH_FLAG_SPARSE) && !(s->flags & SKETCH_FLAG_DENSE)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("quantile_sketch value has unknown flags or non-zero reserved bytes")));

	memset(&d, 0, sizeof(d));
	d.alpha = s->alpha;
	d.multiplier = sketch_multiplier(s->alpha);
	d.collapsed = (s->flags & SKETCH_FLAG_COLLAPSED) != 0;
	d.count = s->count;
	d.zero_count = s->zero_count;
	d.min = s->min;
	d.max = s->max;

	if (s->flags & SKETCH_FLAG_SPARSE)
	{
		const SparseEntry *e = SparseEntries((Sketch *) s);
		int32		klo,
					khi;

		if (VARSIZE(s) != SPARSE_SIZE || s->pos_capacity != 0 || s->neg_capacity != 0 ||
			s->neg_length != 0 || s->pos_length < 0 || s->pos_length > SKETCH_SPARSE_ENTRIES)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("corrupted quantile_sketch working state: inconsistent sizes")));
		sketch_index_range(d.multiplier, &klo, &khi);
		for (int32 i = 0; i < s->pos_length; i++)
			if (e[i].count == 0 || (e[i].key >> 1) < klo || (e[i].key >> 1) > khi)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg("corrupted quantile_sketch working state: invalid bucket")));
		/* the rest is checked on the dense form */
		return ViewOf(SparseToDense(s));
	}
	if (s->flags & SKETCH_FLAG_DENSE)
	{
		int32		first,
					last;
		double		terms[SKETCH_MAX_SUM_TERMS];
		int			nterms;

		if (s->pos_capacity < 0 || s->neg_capacity < 0 ||
			s->pos_capacity > SKETCH_MAX_BUCKETS || s->neg_capacity > SKETCH_MAX_BUCKETS ||
			s->pos_length != s->pos_capacity || s->neg_length != s->neg_capacity ||
			s->acc_pending < 0 || s->acc_pending >= SKETCH_ACC_MAX_PENDING ||
			VARSIZE(s) != SKETCH_HEADER_SIZE + DENSE_ACC_SIZE +
			sizeof(int64) * ((Size) s->pos_capacity + s->neg_capacity))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("corrupted quantile_sketch working state: inconsistent sizes")));
		if (s->multiplier != d.multiplier)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("corrupted quantile_sketch working state: relative error and multiplier differ")));
		nterms = sketch_acc_terms(DenseAcc((Sketch *) s), terms);
		if (nterms > 0 && isinf(terms[0]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("sum of the sketched values is out of range for type double precision")));
		d.sum = nterms > 0 ? terms[0] : 0.0;
		d.sum_rest_length = Max(nterms - 1, 0);
		if (nterms > 1)
			memcpy(d.sum_rest, terms + 1, sizeof(double) * (nterms - 1));
		if (UsedRange(DensePos((Sketch *) s), s->pos_capacity, &first, &last))
		{
			d.pos = DensePos((Sketch *) s) + first;
			d.pos_offset = s->pos_offset + first;
			d.pos_length = last - first + 1;
		}
		if (UsedRange(DenseNeg((Sketch *) s), s->neg_capacity, &first, &last))
		{
			d.neg = DenseNeg((Sketch *) s) + first;
			d.neg_offset = s->neg_offset + first;
			d.neg_length = last - first + 1;
		}
	}
	else
	{
		const uint8 *data = (const uint8 *) s + SKETCH_HEADER_SIZE;
		size_t		len = VARSIZE(s) - SKETCH_HEADER_SIZE;
		size_t		used_pos,
					used_neg;
		int64	   *pos,
				   *neg;

		if (s->pos_capacity != 0 || s->neg_capacity != 0 || s->acc_pending != 0 ||
			!isnan(s->p_hint) || s->sum_rest > SKETCH_MAX_SUM_TERMS - 1 ||
			len < sizeof(double) * s->sum_rest ||
			s->pos_length < 0 || s->pos_length > SKETCH_MAX_BUCKETS ||
			s->neg_length < 0 || s->neg_length > SKETCH_MAX_BUCKETS)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("corrupted quantile_sketch value: invalid header fields")));
		d.sum = s->sum;
		d.sum_rest_length = s->sum_rest;
		memcpy(d.sum_rest, data, sizeof(double) * s->sum_rest);
		data += sizeof(double) * s->sum_rest;
		len -= sizeof(double) * s->sum_rest;
		pos = palloc(sizeof(int64) * (s->pos_length + 1));
		neg = palloc(sizeof(int64) * (s->neg_length + 1));
		st = sketch_varint_decode(data, len, pos, s->pos_length, &used_pos, msg, sizeof(msg));
		if (st == SKETCH_OK)
			st = sketch_varint_decode(data + used_pos, len - used_pos, neg, s->neg_length,
									  &used_neg, msg, sizeof(msg));
		if (st == SKETCH_OK && used_pos + used_neg != len)
		{
			snprintf(msg, sizeof(msg), "%zu bytes follow the bucket counts", len - used_pos - used_neg);
			st = SKETCH_BAD_BINARY;
		}
		if (st != SKETCH_OK)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("corrupted quantile_sketch value: %s", msg)));
		d.pos = pos;
		d.pos_offset = s->pos_offset;
		d.pos_length = s->pos_length;
		d.neg = neg;
		d.neg_offset = s->neg_offset;
		d.neg_length = s->neg_length;
	}
	if (sketch_check(&d, msg, sizeof(msg)) != SKETCH_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted quantile_sketch value: %s", msg)));
	return d;
}

/* the compact (stored) value of a validated view */
static Sketch *
Compact(const SketchData *d)
{
	Size		size = SKETCH_HEADER_SIZE + sizeof(double) * d->sum_rest_length +
		sketch_varint_size(d->pos, d->pos_length) + sketch_varint_size(d->neg, d->neg_length);
	Sketch	   *s = palloc0(size);
	uint8	   *out = (uint8 *) s + SKETCH_HEADER_SIZE;

	SET_VARSIZE(s, size);
	s->version = SKETCH_FORMAT_VERSION;
	s->flags = d->collapsed ? SKETCH_FLAG_COLLAPSED : 0;
	s->alpha = d->alpha;
	s->count = d->count;
	s->zero_count = d->zero_count;
	s->min = d->min;
	s->max = d->max;
	s->sum = d->sum;
	s->sum_rest = (uint8) d->sum_rest_length;
	s->acc_pending = 0;
	s->pos_offset = d->pos_length ? d->pos_offset : 0;
	s->pos_length = d->pos_length;
	s->neg_offset = d->neg_length ? d->neg_offset : 0;
	s->neg_length = d->neg_length;
	s->p_hint = get_float8_nan();
	memcpy(out, d->sum_rest, sizeof(double) * d->sum_rest_length);
	out += sizeof(double) * d->sum_rest_length;
	out = sketch_varint_encode(d->pos, d->pos_length, out);
	sketch_varint_encode(d->neg, d->neg_length, out);
	return s;
}

/* report a kernel status from text or binary input */
static void
ReportInputError(SketchStatus st, const char *msg, bool binary, const char *str)
{
	if (binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary quantile_sketch value"),
				 errdetail("%s", msg)));
	ereport(ERROR,
			(errcode(st == SKETCH_BAD_VALUE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
					 : ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type quantile_sketch: \"%s\"", str),
			 errdetail("%s", msg)));
}

/* ----------------------------------------------------------------
 * Type I/O
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(quantile_sketch_in);
PG_FUNCTION_INFO_V1(quantile_sketch_out);
PG_FUNCTION_INFO_V1(quantile_sketch_recv);
PG_FUNCTION_INFO_V1(quantile_sketch_send);

static void *
PallocZero(size_t size)
{
	return palloc0(size);
}

/* quantile_sketch_in: text form ddsketch/2 ... (or ddsketch/1) */
Datum
quantile_sketch_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SketchData	d;
	char		msg[160];
	SketchStatus st = sketch_parse(str, &d, PallocZero, msg, sizeof(msg));

	if (st != SKETCH_OK)
		ReportInputError(st, msg, false, str);
	PG_RETURN_POINTER(Compact(&d));
}

/* quantile_sketch_out: canonical text, shortest exact doubles */
Datum
quantile_sketch_out(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));
	size_t		len = sketch_format(&d, NULL, 0);
	char	   *buf = palloc(len + 1);

	sketch_format(&d, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

/*
 * quantile_sketch_recv: version, flags, alpha, count, zeros, min, max, sum,
 * (version 2:) the number of further sum terms (a byte) and the terms, then
 * offset and length of each store and its counts, all big-endian.
 */
Datum
quantile_sketch_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const int	fixed = 2 + 6 * 8 + 4 * 4;
	int			left = buf->len - buf->cursor;
	SketchData	d;
	int			version,
				flags;
	int64	   *pos,
			   *neg;
	char		msg[160];
	SketchStatus st;

	memset(&d, 0, sizeof(d));
	if (left < 1)
		ReportInputError(SKETCH_BAD_BINARY, "value is empty", true, NULL);
	version = pq_getmsgbyte(buf);
	if (version < SKETCH_OLDEST_FORMAT || version > SKETCH_FORMAT_VERSION)
	{
		snprintf(msg, sizeof(msg), "unknown format version %d (this build reads versions %d to %d)",
				 version, SKETCH_OLDEST_FORMAT, SKETCH_FORMAT_VERSION);
		ReportInputError(SKETCH_BAD_VERSION, msg, true, NULL);
	}
	if (left < fixed)
	{
		snprintf(msg, sizeof(msg), "value has %d bytes, fewer than the %d of its header", left, fixed);
		ReportInputError(SKETCH_BAD_BINARY, msg, true, NULL);
	}
	flags = pq_getmsgbyte(buf);
	if (flags & ~SKETCH_FLAG_COLLAPSED)
	{
		snprintf(msg, sizeof(msg), "unknown flags 0x%02x", flags);
		ReportInputError(SKETCH_BAD_BINARY, msg, true, NULL);
	}
	d.collapsed = (flags & SKETCH_FLAG_COLLAPSED) != 0;
	d.alpha = pq_getmsgfloat8(buf);
	d.count = pq_getmsgint64(buf);
	d.zero_count = pq_getmsgint64(buf);
	d.min = pq_getmsgfloat8(buf);
	d.max = pq_getmsgfloat8(buf);
	d.sum = pq_getmsgfloat8(buf);
	if (version >= 2)
	{
		if (buf->len - buf->cursor < 1 + 4 * 4)
			ReportInputError(SKETCH_BAD_BINARY, "value ends inside its header", true, NULL);
		d.sum_rest_length = pq_getmsgbyte(buf);
		if (d.sum_rest_length > SKETCH_MAX_SUM_TERMS - 1 ||
			buf->len - buf->cursor < 8 * d.sum_rest_length + 4 * 4)
		{
			snprintf(msg, sizeof(msg), "%d further sum terms are too many or past the end",
					 d.sum_rest_length);
			ReportInputError(SKETCH_BAD_BINARY, msg, true, NULL);
		}
		for (int i = 0; i < d.sum_rest_length; i++)
			d.sum_rest[i] = pq_getmsgfloat8(buf);
	}
	d.pos_offset = pq_getmsgint(buf, 4);
	d.pos_length = pq_getmsgint(buf, 4);
	d.neg_offset = pq_getmsgint(buf, 4);
	d.neg_length = pq_getmsgint(buf, 4);
	if (d.pos_length < 0 || d.pos_length > SKETCH_MAX_BUCKETS ||
		d.neg_length < 0 || d.neg_length > SKETCH_MAX_BUCKETS)
	{
		snprintf(msg, sizeof(msg), "bucket lengths %d and %d are out of range 0..%d",
				 d.pos_length, d.neg_length, SKETCH_MAX_BUCKETS);
		ReportInputError(SKETCH_BAD_BINARY, msg, true, NULL);
	}
	if (buf->len - buf->cursor != 8 * (d.pos_length + d.neg_length))
	{
		snprintf(msg, sizeof(msg), "value has %d bytes of bucket counts, expected %d",
				 buf->len - buf->cursor, 8 * (d.pos_length + d.neg_length));
		ReportInputError(SKETCH_BAD_BINARY, msg, true, NULL);
	}
	pos = palloc(sizeof(int64) * (d.pos_length + 1));
	neg = palloc(sizeof(int64) * (d.neg_length + 1));
	for (int i = 0; i < d.pos_length; i++)
		pos[i] = pq_getmsgint64(buf);
	for (int i = 0; i < d.neg_length; i++)
		neg[i] = pq_getmsgint64(buf);
	d.pos = pos;
	d.neg = neg;
	if (!(d.alpha >= SKETCH_MIN_ALPHA && d.alpha <= SKETCH_MAX_ALPHA))
	{
		snprintf(msg, sizeof(msg), "relative error %g is out of range %g..%g",
				 d.alpha, SKETCH_MIN_ALPHA, SKETCH_MAX_ALPHA);
		ReportInputError(SKETCH_BAD_VALUE, msg, true, NULL);
	}
	d.multiplier = sketch_multiplier(d.alpha);
	st = sketch_check(&d, msg, sizeof(msg));
	if (st != SKETCH_OK)
		ReportInputError(st, msg, true, NULL);
	PG_RETURN_POINTER(Compact(&d));
}

/* quantile_sketch_send: see quantile_sketch_recv */
Datum
quantile_sketch_send(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SKETCH_FORMAT_VERSION);
	pq_sendbyte(&buf, d.collapsed ? SKETCH_FLAG_COLLAPSED : 0);
	pq_sendfloat8(&buf, d.alpha);
	pq_sendint64(&buf, d.count);
	pq_sendint64(&buf, d.zero_count);
	pq_sendfloat8(&buf, d.min);
	pq_sendfloat8(&buf, d.max);
	pq_sendfloat8(&buf, d.sum);
	pq_sendbyte(&buf, (uint8) d.sum_rest_length);
	for (int i = 0; i < d.sum_rest_length; i++)
		pq_sendfloat8(&buf, d.sum_rest[i]);
	pq_sendint32(&buf, d.pos_length ? d.pos_offset : 0);
	pq_sendint32(&buf, d.pos_length);
	pq_sendint32(&buf, d.neg_length ? d.neg_offset : 0);
	pq_sendint32(&buf, d.neg_length);
	for (int i = 0; i < d.pos_length; i++)
		pq_sendint64(&buf, d.pos[i]);
	for (int i = 0; i < d.neg_length; i++)
		pq_sendint64(&buf, d.neg[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------
 * Aggregate support
 * ----------------------------------------------------------------
 */

static double
CheckAlpha(double alpha)
{
	if (!(alpha >= SKETCH_MIN_ALPHA && alpha <= SKETCH_MAX_ALPHA))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relative error %g is out of range %g..%g",
						alpha, SKETCH_MIN_ALPHA, SKETCH_MAX_ALPHA)));
	return alpha;
}

static double
CheckFraction(double p)
{
	if (!(p >= 0.0 && p <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile %g is not between 0 and 1", p)));
	return p;
}

/* the error for a value that is not finite */
static pg_noinline void
RejectValue(double x)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value %s cannot be added to a quantile sketch",
					isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")),
			 errdetail("Only finite values are supported.")));
}

/*
 * The error for a row whose state or parameters do not match: the
 * transition function called outside an aggregate, a state that is not a
 * working one, or a relative error or percentile that changed from row to
 * row.  Outside an aggregate the state may be a value read from a table
 * (even one with the dense flag: an aggregate without a final function can
 * return a working state), so it must never be changed there.
 */
static pg_noinline void
RejectRow(FunctionCallInfo fcinfo, const Sketch *s, double alpha, double p, bool has_p)
{
	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "quantile_sketch transition function called in non-aggregate context");
	if (!(s->flags & SKETCH_FLAG_DENSE))
		elog(ERROR, "quantile_sketch transition function called on a state that is not a working one");
	if (s->alpha != alpha)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relative error changed from %g to %g within one aggregate",
						s->alpha, alpha)));
	if (has_p && s->p_hint != p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percentile changed from %g to %g within one aggregate",
						s->p_hint, p)));
}

/*
 * The first value of a group: a new working state, sparse, with min and max
 * x (in the per-call context; the executor copies it into the aggregate
 * context).  The caller adds x.
 */
static pg_noinline Sketch *
FirstState(FunctionCallInfo fcinfo, double x, double alpha, double p, bool has_p)
{
	Sketch		hdr;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "quantile_sketch transition function called in non-aggregate context");
	memset(&hdr, 0, sizeof(hdr));
	hdr.alpha = CheckAlpha(alpha);
	hdr.min = x;
	hdr.max = x;
	hdr.p_hint = has_p ? p : get_float8_nan();
	hdr.multiplier = sketch_multiplier(alpha);
	return SparseNew(&hdr);
}

/*
 * The transition in full: add value x to the working state, making it on
 * the first row.  p is NaN except for approx_percentile.  alpha_varies:
 * alpha comes from an argument, so each row must match the state's;
 * otherwise it is the default every state of the aggregate has.  Most rows
 * take SketchTransition's fast path instead, which falls back to this one.
 */
static pg_noinline Datum
TransitionInFull(FunctionCallInfo fcinfo, double alpha, double p, bool has_p, bool alpha_varies)
{
	Sketch	   *s;
	double		x;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	x = PG_GETARG_FLOAT8(1);
	if (unlikely(!isfinite(x)))
		RejectValue(x);
	if (unlikely(PG_ARGISNULL(0)))
		s = FirstState(fcinfo, x, alpha, p, has_p);
	else
	{
		s = (Sketch *) PG_GETARG_POINTER(0);
		if (unlikely(!journey_in_aggregate(fcinfo)) ||
			unlikely(!(s->flags & SKETCH_FLAG_DENSE)) ||
			(alpha_varies && unlikely(s->alpha != alpha)) ||
			(has_p && unlikely(s->p_hint != p)))
			RejectRow(fcinfo, s, alpha, p, has_p);
		if (x < s->min)
			s->min = x;
		if (x > s->max)
			s->max = x;
	}

	s->count++;
	AddToSum(s, x);
	if (x > 0.0)
		s = DenseAdd(s, 0, sketch_index(s->multiplier, x), 1);
	else if (x < 0.0)
		s = DenseAdd(s, 1, sketch_index(s->multiplier, -x), 1);
	else
		s->zero_count++;
	PG_RETURN_POINTER(s);
}

/* the rest of a fast-path row that reached the carry limit */
static pg_noinline Datum
NormalizeSum(Sketch *s)
{
	sketch_acc_normalize(DenseAcc(s));
	s->acc_pending = 0;
	PG_RETURN_POINTER(s);
}

/*
 * The per-row transition.  Its fast path takes a row of a dense working
 * state, in an aggregate, whose value is a nonzero normal double with a
 * bucket inside its store's window, and otherwise hands the row, untouched,
 * to TransitionInFull.  The fast path makes no call but tail calls, so it needs
 * no stack frame of its own and no saved registers: each of those costs
 * instructions on every row of every group.
 */
static pg_attribute_always_inline Datum
SketchTransition(FunctionCallInfo fcinfo, double alpha, double p, bool has_p, bool alpha_varies)
{
	Sketch	   *s;
	double		x;
	uint64		u;
	int			e;
	bool		neg;
	int32		k;
	int32		off;
	int64	   *slots;

	if (unlikely(PG_ARGISNULL(0) || PG_ARGISNULL(1)))
		return TransitionInFull(fcinfo, alpha, p, has_p, alpha_varies);
	s = (Sketch *) PG_GETARG_POINTER(0);
	x = PG_GETARG_FLOAT8(1);
	memcpy(&u, &x, sizeof(u));
	e = (int) ((u >> 52) & 0x7ff);
	/* e is 0 for zeros and subnormals, 0x7ff for infinities and NaN */
	if (unlikely((unsigned) (e - 1) >= 0x7fe) ||
		unlikely(!journey_in_aggregate(fcinfo)) ||
		unlikely((s->flags & (SKETCH_FLAG_DENSE | SKETCH_FLAG_SPARSE)) != SKETCH_FLAG_DENSE) ||
		(alpha_varies && unlikely(s->alpha != alpha)) ||
		(has_p && unlikely(s->p_hint != p)))
		return TransitionInFull(fcinfo, alpha, p, has_p, alpha_varies);
	k = sketch_index_of_log2ish(s->multiplier,
								sketch_log2ish_normal(e, u & SKETCH_MANTISSA_MASK));
	neg = (u >> 63) != 0;
	off = neg ? s->neg_offset : s->pos_offset;
	if (unlikely((uint32) (k - off) >= (uint32) (neg ? s->neg_capacity : s->pos_capacity)))
		return TransitionInFull(fcinfo, alpha, p, has_p, alpha_varies);
	slots = neg ? DenseNeg(s) : DensePos(s);
	slots[k - off]++;
	if (x < s->min)
		s->min = x;
	if (x > s->max)
		s->max = x;
	s->count++;
	sketch_acc_add(DenseAcc(s), x);
	if (unlikely(++s->acc_pending >= SKETCH_ACC_MAX_PENDING))
		return NormalizeSum(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(quantile_sketch_trans);
PG_FUNCTION_INFO_V1(quantile_sketch_trans_alpha);
PG_FUNCTION_INFO_V1(quantile_sketch_trans_p);

/* quantile_sketch_trans: percentile_agg(value) at the default 1 % */
Datum
quantile_sketch_trans(PG_FUNCTION_ARGS)
{
	return SketchTransition(fcinfo, SKETCH_DEFAULT_ALPHA, 0.0, false, false);
}

/* quantile_sketch_trans_alpha: percentile_agg(value, relative_error) */
Datum
quantile_sketch_trans_alpha(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relative error must not be NULL")));
	return SketchTransition(fcinfo, PG_GETARG_FLOAT8(2), 0.0, false, true);
}

/* quantile_sketch_trans_p: approx_percentile(value, p) */
Datum
quantile_sketch_trans_p(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percentile must not be NULL")));
	/* checked on every row: NaN must not pass as "no percentile" */
	return SketchTransition(fcinfo, SKETCH_DEFAULT_ALPHA, CheckFraction(PG_GETARG_FLOAT8(2)),
							true, false);
}

/*
 * Merge a validated view into dense state s (NULL: start from it); the
 * result may be a new state.  Relative errors must match.
 */
static Sketch *
MergeInto(Sketch *s, const SketchData *d, double p_hint)
{
	double		multiplier = d->multiplier;

	if (s != NULL && (s->flags & SKETCH_FLAG_SPARSE))
		s = SparseToDense(s);
	if (s == NULL)
	{
		Sketch		hdr;

		memset(&hdr, 0, sizeof(hdr));
		hdr.alpha = d->alpha;
		hdr.min = d->min;
		hdr.max = d->max;
		hdr.p_hint = p_hint;
		hdr.multiplier = multiplier;
		s = DenseNew(&hdr, d->pos_offset, d->pos_length, d->neg_offset, d->neg_length);
		s->count = 0;
	}
	else
	{
		if (s->alpha != d->alpha)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge quantile sketches of relative error %g and %g",
							s->alpha, d->alpha),
					 errhint("Build the sketches with the same relative_error argument of percentile_agg.")));
		if (d->min < s->min)
			s->min = d->min;
		if (d->max > s->max)
			s->max = d->max;
	}
	if (pg_add_s64_overflow(s->count, d->count, &s->count) ||
		pg_add_s64_overflow(s->zero_count, d->zero_count, &s->zero_count))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("number of sketched values exceeds %lld", (long long) PG_INT64_MAX)));
	AddToSum(s, d->sum);
	for (int i = 0; i < d->sum_rest_length; i++)
		AddToSum(s, d->sum_rest[i]);
	if (d->collapsed)
		s->flags |= SKETCH_FLAG_COLLAPSED;
	for (int store = 0; store < 2; store++)
	{
		int32		n = store == 0 ? d->pos_length : d->neg_length;
		int32		off = store == 0 ? d->pos_offset : d->neg_offset;
		const int64 *c = store == 0 ? d->pos : d->neg;
		int32		soff,
					scap;

		if (n == 0)
			continue;
		soff = store == 0 ? s->pos_offset : s->neg_offset;
		scap = store == 0 ? s->pos_capacity : s->neg_capacity;
		if (off < soff || off + n > soff + scap)
			s = Reshape(s, store, off, off + n - 1, multiplier);
		for (int32 i = 0; i < n; i++)
		{
			int64	   *dst;
			int32		k = off + i;

			if (c[i] == 0)
				continue;
			soff = store == 0 ? s->pos_offset : s->neg_offset;
			dst = store == 0 ? DensePos(s) : DenseNeg(s);
			if (k < soff)		/* folded by a collapse */
				k = soff;
			if (pg_add_s64_overflow(dst[k - soff], c[i], &dst[k - soff]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("number of sketched values exceeds %lld", (long long) PG_INT64_MAX)));
		}
	}
	return s;
}

PG_FUNCTION_INFO_V1(quantile_sketch_combine);
PG_FUNCTION_INFO_V1(quantile_sketch_rollup_trans);
PG_FUNCTION_INFO_V1(quantile_sketch_final);
PG_FUNCTION_INFO_V1(quantile_sketch_final_percentile);

/* quantile_sketch_combine: STRICT combine function of every sketch aggregate */
Datum
quantile_sketch_combine(PG_FUNCTION_ARGS)
{
	Sketch	   *a = PG_GETARG_SKETCH_P(0);
	Sketch	   *b = PG_GETARG_SKETCH_P(1);
	SketchData	db;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "quantile_sketch_combine called in non-aggregate context");
	db = ViewOf(b);
	if (!(a->flags & SKETCH_FLAG_DENSE))
	{
		/* a compact state (not made by us here): start a dense one from it */
		SketchData	da = ViewOf(a);

		a = MergeInto(NULL, &da, a->p_hint);
	}
	if (!isnan(b->p_hint) && !(isnan(a->p_hint) || a->p_hint == b->p_hint))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percentile changed from %g to %g within one aggregate",
						a->p_hint, b->p_hint)));
	if (isnan(a->p_hint))
		a->p_hint = b->p_hint;
	PG_RETURN_POINTER(MergeInto(a, &db, a->p_hint));
}

/* quantile_sketch_rollup_trans: rollup(sketch), inputs validated */
Datum
quantile_sketch_rollup_trans(PG_FUNCTION_ARGS)
{
	SketchData	d;

	if (!journey_in_aggregate(fcinfo))
		elog(ERROR, "rollup transition function called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	d = ViewOf(PG_GETARG_SKETCH_P(1));
	PG_RETURN_POINTER(MergeInto(PG_ARGISNULL(0) ? NULL : (Sketch *) PG_GETARG_POINTER(0),
								&d, get_float8_nan()));
}

/* quantile_sketch_final: the compact value of a working state */
Datum
quantile_sketch_final(PG_FUNCTION_ARGS)
{
	Sketch	   *s = PG_GETARG_SKETCH_P(0);
	SketchData	d;

	d = ViewOf(s);

	PG_RETURN_POINTER(Compact(&d));
}

/* quantile_sketch_final_percentile: approx_percentile(value, p) */
Datum
quantile_sketch_final_percentile(PG_FUNCTION_ARGS)
{
	Sketch	   *s = PG_GETARG_SKETCH_P(0);
	SketchData	d;

	d = ViewOf(s);
	/* a state that lost its p (e.g. shipped through the text form) */
	if (isnan(s->p_hint))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("approx_percentile state carries no percentile"),
				 errhint("Use journey.approx_percentile(journey.percentile_agg(value), p) instead.")));
	PG_RETURN_FLOAT8(sketch_quantile(&d, s->p_hint));
}

/* ----------------------------------------------------------------
 * Accessors
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(quantile_sketch_percentile);
PG_FUNCTION_INFO_V1(quantile_sketch_percentiles);
PG_FUNCTION_INFO_V1(quantile_sketch_rank);
PG_FUNCTION_INFO_V1(quantile_sketch_benchmark_percentile);
PG_FUNCTION_INFO_V1(quantile_sketch_count);
PG_FUNCTION_INFO_V1(quantile_sketch_min);
PG_FUNCTION_INFO_V1(quantile_sketch_max);
PG_FUNCTION_INFO_V1(quantile_sketch_sum);
PG_FUNCTION_INFO_V1(quantile_sketch_mean);
PG_FUNCTION_INFO_V1(quantile_sketch_relative_error);
PG_FUNCTION_INFO_V1(quantile_sketch_collapsed);

/* approx_percentile(s, p): within alpha of percentile_disc(p) */
Datum
quantile_sketch_percentile(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));

	PG_RETURN_FLOAT8(sketch_quantile(&d, CheckFraction(PG_GETARG_FLOAT8(1))));
}

/* approx_percentiles(s, p[]): one estimate per p, NULL for a NULL p */
Datum
quantile_sketch_percentiles(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));
	ArrayType  *ps = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	ArrayType  *result;
	int			dims[1];
	int			lbs[1] = {1};

	if (ARR_NDIM(ps) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("percentiles must be a one-dimensional array")));
	deconstruct_array(ps, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			elems[i] = Float8GetDatum(sketch_quantile(&d, CheckFraction(DatumGetFloat8(elems[i]))));
	dims[0] = n;
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	result = construct_md_array(elems, nulls, 1, dims, lbs, FLOAT8OID, 8, FLOAT8PASSBYVAL,
								TYPALIGN_DOUBLE);
	PG_RETURN_ARRAYTYPE_P(result);
}

static double
GetValueArg(FunctionCallInfo fcinfo, int argno)
{
	double		x = PG_GETARG_FLOAT8(argno);

	if (isnan(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot rank NaN")));
	return x;
}

/* approx_percentile_rank(s, x): mid-rank fraction 0..1 at bucket resolution */
Datum
quantile_sketch_rank(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));

	PG_RETURN_FLOAT8(sketch_rank(&d, GetValueArg(fcinfo, 1)));
}

/* benchmark_percentile(x, s): the same rank in percent */
Datum
quantile_sketch_benchmark_percentile(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(1));

	PG_RETURN_FLOAT8(100.0 * sketch_rank(&d, GetValueArg(fcinfo, 0)));
}

/* sketch_count(s) */
Datum
quantile_sketch_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ViewOf(PG_GETARG_SKETCH_P(0)).count);
}

/* sketch_min(s): exact */
Datum
quantile_sketch_min(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(ViewOf(PG_GETARG_SKETCH_P(0)).min);
}

/* sketch_max(s): exact */
Datum
quantile_sketch_max(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(ViewOf(PG_GETARG_SKETCH_P(0)).max);
}

/* sketch_sum(s): the exact sum, correctly rounded */
Datum
quantile_sketch_sum(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(ViewOf(PG_GETARG_SKETCH_P(0)).sum);
}

/* sketch_mean(s): the exact sum, rounded, over count */
Datum
quantile_sketch_mean(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));

	PG_RETURN_FLOAT8(d.sum / (double) d.count);
}

/* sketch_relative_error(s): the alpha it was built with */
Datum
quantile_sketch_relative_error(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(ViewOf(PG_GETARG_SKETCH_P(0)).alpha);
}

/* sketch_collapsed(s): whether buckets were folded (bound lost near zero) */
Datum
quantile_sketch_collapsed(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ViewOf(PG_GETARG_SKETCH_P(0)).collapsed);
}

/* ----------------------------------------------------------------
 * Equality and hashing (the = operator and its hash operator class, so
 * that DISTINCT, UNION, GROUP BY and IS DISTINCT FROM work on sketches)
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(quantile_sketch_eq);
PG_FUNCTION_INFO_V1(quantile_sketch_ne);
PG_FUNCTION_INFO_V1(quantile_sketch_hash);
PG_FUNCTION_INFO_V1(quantile_sketch_hash_extended);

/* a double's bits, -0 as 0: equal doubles, equal bits */
static inline uint64
HashableBits(double v)
{
	uint64		u;

	if (v == 0.0)
		v = 0.0;
	memcpy(&u, &v, sizeof(u));
	return u;
}

/* quantile_sketch = quantile_sketch: see sketch_equal */
Datum
quantile_sketch_eq(PG_FUNCTION_ARGS)
{
	SketchData	a = ViewOf(PG_GETARG_SKETCH_P(0));
	SketchData	b = ViewOf(PG_GETARG_SKETCH_P(1));

	PG_RETURN_BOOL(sketch_equal(&a, &b));
}

Datum
quantile_sketch_ne(PG_FUNCTION_ARGS)
{
	SketchData	a = ViewOf(PG_GETARG_SKETCH_P(0));
	SketchData	b = ViewOf(PG_GETARG_SKETCH_P(1));

	PG_RETURN_BOOL(!sketch_equal(&a, &b));
}

/*
 * The 64-bit hash of the fields sketch_equal compares, so equal sketches
 * hash alike; the 32-bit hash is its low half at seed 0, as PostgreSQL
 * requires of a hash operator class's two functions.
 */
static uint64
SketchHash(const SketchData *d, uint64 seed)
{
	uint64		head[10];
	uint64		h;

	head[0] = HashableBits(d->alpha);
	head[1] = d->collapsed;
	head[2] = (uint64) d->count;
	head[3] = (uint64) d->zero_count;
	head[4] = HashableBits(d->min);
	head[5] = HashableBits(d->max);
	head[6] = HashableBits(d->sum);
	head[7] = (uint64) d->sum_rest_length;
	head[8] = ((uint64) (uint32) (d->pos_length > 0 ? d->pos_offset : 0) << 32) | (uint32) d->pos_length;
	head[9] = ((uint64) (uint32) (d->neg_length > 0 ? d->neg_offset : 0) << 32) | (uint32) d->neg_length;
	h = DatumGetUInt64(hash_any_extended((unsigned char *) head, sizeof(head), seed));
	for (int i = 0; i < d->sum_rest_length; i++)
	{
		uint64		bits = HashableBits(d->sum_rest[i]);

		h = hash_combine64(h, DatumGetUInt64(hash_any_extended((unsigned char *) &bits,
																 sizeof(bits), seed)));
	}
	if (d->pos_length > 0)
		h = hash_combine64(h, DatumGetUInt64(hash_any_extended((const unsigned char *) d->pos,
																 sizeof(int64) * d->pos_length,
																 seed)));
	if (d->neg_length > 0)
		h = hash_combine64(h, DatumGetUInt64(hash_any_extended((const unsigned char *) d->neg,
																 sizeof(int64) * d->neg_length,
																 seed)));
	return h;
}

Datum
quantile_sketch_hash(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));

	PG_RETURN_UINT32((uint32) SketchHash(&d, 0));
}

Datum
quantile_sketch_hash_extended(PG_FUNCTION_ARGS)
{
	SketchData	d = ViewOf(PG_GETARG_SKETCH_P(0));

	PG_RETURN_UINT64(SketchHash(&d, PG_GETARG_INT64(1)));
}
