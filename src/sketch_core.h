/*
 * sketch_core.h
 *		Pure-C kernel of journey.quantile_sketch: a relative-error quantile
 *		sketch in the style of DDSketch (Masson, Rim and Lee, VLDB 2019).
 *		No PostgreSQL dependencies, so the codecs can be fuzzed alone.
 *
 * A value x > 0 falls in bucket k = ceil(f(x) * M), where f is the
 * piecewise-linear approximation of log2 read off the bits of the double
 * (f(2^e (1 + m)) = e + m, 0 <= m < 1) and M = 1 / ln(gamma) with
 * gamma = (1 + alpha) / (1 - alpha).  Because ln x grows at most one unit
 * per unit of f, every bucket spans a ratio of at most gamma, so the
 * harmonic mean of its bounds is within alpha of every value in it.
 * Negative values use the same buckets on -x in a second store; zeros are
 * counted apart.  Reading f from the bits costs a few instructions, where
 * log() would cost more than the rest of the aggregate.
 */
#ifndef JOURNEY_SKETCH_CORE_H
#define JOURNEY_SKETCH_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Format 2 keeps the exact sum of the values (see "Exact sum" below); 1 kept
 * a rounded one.  Readers accept both; writers write 2.
 */
#define SKETCH_FORMAT_VERSION	2
#define SKETCH_OLDEST_FORMAT	1

#define SKETCH_DEFAULT_ALPHA	0.01
#define SKETCH_MIN_ALPHA		0.001
#define SKETCH_MAX_ALPHA		0.1

/*
 * At most this many buckets per store (positive, negative values).  A store
 * that would need more keeps the buckets of the largest magnitudes and
 * folds the smaller ones into its lowest bucket: the sketch is then marked
 * collapsed, and only values nearer zero than that bucket lose the bound.
 */
#define SKETCH_MAX_BUCKETS		16384

/*
 * Exact sum.  The sum of the values is kept exactly, so that the mean is the
 * same whatever the order of the adds and merges (serial, parallel, rollup).
 * Every finite double is an integer multiple of 2^-1074, and fewer than 2^63
 * of them add up to less than 2^1087 in magnitude, so the sum is an integer
 * N times 2^-1074 with |N| < 2^2161.  The accumulator holds N in 68 signed
 * 64-bit limbs of 32 bits each (limb i weighs 2^(32 i)); an add puts less
 * than 2^32 in each of three limbs, and the carries are propagated every
 * 2^30 adds, so no limb overflows.  Stored, the sum is a short list of
 * doubles (the "terms"): the correctly rounded sum, then the correctly
 * rounded rest, and so on until nothing is left.  That list is unique, has
 * at most SKETCH_MAX_SUM_TERMS entries (53 bits or more each), and usually
 * one or two.
 */
#define SKETCH_ACC_LIMBS		68
#define SKETCH_ACC_MAX_PENDING	(INT64_C(1) << 30)
#define SKETCH_MAX_SUM_TERMS	42

/* the stored mantissa bits of a double */
#define SKETCH_MANTISSA_MASK	UINT64_C(0xfffffffffffff)

/* add finite x to accumulator acc exactly */
static inline void
sketch_acc_add(int64_t *acc, double x)
{
	union
	{
		double		d;
		uint64_t	u;
	}			v;
	int			e;
	int			b;
	int			normal;
	int64_t		m;
	uint64_t	low;
	int64_t    *limb;

	v.d = x;
	e = (int) ((v.u >> 52) & 0x7ff);
	normal = e != 0;
	/* |x| = m 2^(e - 1075) with the hidden bit, m 2^-1074 when subnormal */
	m = (int64_t) ((v.u & SKETCH_MANTISSA_MASK) | ((uint64_t) normal << 52));
	b = e - normal;				/* x 2^1074 = +-m 2^b */
	if (v.u >> 63)
		m = -m;
	/*
	 * m 2^(b mod 32) = low + hi 2^64: low is its low 64 bits (the shift
	 * wraps), hi = floor(m 2^(b mod 32) / 2^64), |hi| < 2^21, computed as
	 * an arithmetic shift by 64 - (b mod 32) done in two steps (a shift by
	 * 64 is undefined).  Limbs b/32, +1, +2 get the three 32-bit pieces.
	 */
	low = (uint64_t) m << (b & 31);
	limb = acc + (b >> 5);
	limb[0] += (int64_t) (low & 0xffffffffu);
	limb[1] += (int64_t) (low >> 32);
	limb[2] += (m >> 1) >> (63 - (b & 31));
}

/* propagate the carries: limbs 0..66 in [0, 2^32), limb 67 signed */
extern void sketch_acc_normalize(int64_t *acc);

/*
 * The terms of the sum in acc (normalized or not, not changed); returns how
 * many (0 when the sum is zero).  terms[0] is +-Infinity, and the only
 * term, when the sum is beyond the double range.
 */
extern int	sketch_acc_terms(const int64_t *acc, double *terms);

/* sparse working states (see SketchStored) */
#define SKETCH_SPARSE_ENTRIES	32
#define SKETCH_SPARSE_MAX_COUNT 256

/* flag bits */
#define SKETCH_FLAG_DENSE		0x01	/* working layout (aggregate state) */
#define SKETCH_FLAG_COLLAPSED	0x02	/* some buckets were folded */
#define SKETCH_FLAG_SPARSE		0x04	/* dense only: buckets as a short list */
#define SKETCH_KNOWN_FLAGS		(SKETCH_FLAG_DENSE | SKETCH_FLAG_COLLAPSED | SKETCH_FLAG_SPARSE)

/*
 * The stored value (a varlena; vl_len_ is the PostgreSQL length word).
 * Two layouts share this header:
 *	- compact (stored): sum_rest doubles (the rest of the exact sum,
 *	  after sum), then the counts as unsigned LEB128 varints, positive store
 *	  then negative store, each trimmed so its first and last counts are
 *	  non-zero; capacities 0, acc_pending 0, p_hint NaN;
 *	- dense (SKETCH_FLAG_DENSE, the aggregates' working state): the exact
 *	  sum accumulator (SKETCH_ACC_LIMBS int64), then int64 counts,
 *	  pos_capacity slots then neg_capacity slots, zeros allowed; the
 *	  lengths equal the capacities; sum_rest 0 and, in place of sum, M.
 *	  A working state starts sparse (SKETCH_FLAG_SPARSE as well): after
 *	  the accumulator, room for SKETCH_SPARSE_ENTRIES (bucket, count)
 *	  pairs, of which pos_length are used; capacities 0, neg_length 0.  It
 *	  becomes dense when it needs more pairs or has SKETCH_SPARSE_MAX_COUNT
 *	  values, so a group of a few widely spread values holds no window of
 *	  mostly empty slots.
 * Format 1 had the same header with a uint16 zero where sum_rest and
 * reserved are and a double 0.0 where acc_pending is, and no rest terms, so
 * a compact format-1 value reads as a format-2 one with sum_rest 0.
 * All padding is explicit and zero.
 */
typedef struct SketchStored
{
	int32_t		vl_len_;
	uint8_t		version;
	uint8_t		flags;
	uint8_t		sum_rest;		/* compact: doubles after the header that */
								/* follow sum in its terms (0..41) */
	uint8_t		reserved;		/* zero */
	double		alpha;
	int64_t		count;			/* all values, zeros included */
	int64_t		zero_count;
	double		min;
	double		max;
	union
	{
		double		sum;		/* compact: the sum, correctly rounded */
		double		multiplier; /* dense: M of alpha, so rows need not
								 * derive it */
	};
	int64_t		acc_pending;	/* dense: adds since the accumulator's carries */
	int32_t		pos_offset;		/* bucket index of the first count */
	int32_t		pos_length;
	int32_t		neg_offset;
	int32_t		neg_length;
	int32_t		pos_capacity;	/* dense only */
	int32_t		neg_capacity;	/* dense only */
	double		p_hint;			/* dense only: p of approx_percentile(v, p) */
	/* counts follow */
} SketchStored;

#define SKETCH_HEADER_SIZE		sizeof(SketchStored)

/* a sketch decoded to dense count arrays, as the readers use it */
typedef struct SketchData
{
	double		alpha;
	double		multiplier;		/* M = 1 / ln(gamma), derived from alpha */
	bool		collapsed;
	int64_t		count;
	int64_t		zero_count;
	double		min;
	double		max;
	double		sum;			/* the exact sum, correctly rounded ... */
	int32_t		sum_rest_length;	/* ... and what rounding left, as */
	double		sum_rest[SKETCH_MAX_SUM_TERMS - 1];	/* further terms */
	int32_t		pos_offset;
	int32_t		pos_length;
	const int64_t *pos;
	int32_t		neg_offset;
	int32_t		neg_length;
	const int64_t *neg;
} SketchData;

typedef enum SketchStatus
{
	SKETCH_OK = 0,
	SKETCH_BAD_SYNTAX,
	SKETCH_BAD_BINARY,
	SKETCH_BAD_VERSION,
	SKETCH_BAD_VALUE
} SketchStatus;

/* the multiplier M for a relative error alpha */
extern double sketch_multiplier(double alpha);

/*
 * piecewise-linear log2 of a positive normal double with biased exponent e
 * (1..2046) and stored mantissa bits mant
 */
static inline double
sketch_log2ish_normal(int e, uint64_t mant)
{
	return (double) (e - 1023) + (double) mant * 0x1p-52;
}

/* piecewise-linear log2 of a positive finite double, read off its bits */
static inline double
sketch_log2ish(double x)
{
	union
	{
		double		d;
		uint64_t	u;
	}			v;
	int			e;

	v.d = x;
	e = (int) ((v.u >> 52) & 0x7ff);
	if (e == 0)
	{
		/* subnormal: scale into the normal range (exact) and shift back */
		v.d = x * 0x1p64;
		e = (int) ((v.u >> 52) & 0x7ff) - 64;
	}
	return sketch_log2ish_normal(e, v.u & SKETCH_MANTISSA_MASK);
}

/* the bucket index of a piecewise-linear log2 l: ceil(l M) */
static inline int32_t
sketch_index_of_log2ish(double multiplier, double l)
{
	double		y = l * multiplier;
	int32_t		k = (int32_t) y;	/* truncates toward zero */

	return (y > (double) k) ? k + 1 : k;	/* ceil */
}

/* the bucket index of a positive finite value */
static inline int32_t
sketch_index(double multiplier, double x)
{
	return sketch_index_of_log2ish(multiplier, sketch_log2ish(x));
}

/* the valid range of bucket indexes for a multiplier */
extern void sketch_index_range(double multiplier, int32_t *lo, int32_t *hi);

/* the estimate of bucket k: the harmonic mean of its bounds */
extern double sketch_bucket_value(double multiplier, int32_t k);

/* the terms of a sketch's sum into acc (zeroed first) */
extern void sketch_sum_to_acc(const SketchData *s, int64_t *acc);

/* validation of a decoded sketch */
extern SketchStatus sketch_check(const SketchData *s, char *msg, size_t msglen);

/* whether two valid sketches summarize the same (doubles as numbers: -0 = 0) */
extern bool sketch_equal(const SketchData *a, const SketchData *b);

/* readers */
extern double sketch_quantile(const SketchData *s, double p);
extern double sketch_rank(const SketchData *s, double x);

/* compact counts: size, encode and decode (with validation of lengths) */
extern size_t sketch_varint_size(const int64_t *counts, int32_t n);
extern uint8_t *sketch_varint_encode(const int64_t *counts, int32_t n, uint8_t *out);
extern SketchStatus sketch_varint_decode(const uint8_t *in, size_t len,
										 int64_t *counts, int32_t n,
										 size_t *used, char *msg, size_t msglen);

/* text form: parse into a SketchData whose arrays come from alloc (zeroed) */
typedef void *(*sketch_alloc_fn) (size_t size);
extern SketchStatus sketch_parse(const char *str, SketchData *s, sketch_alloc_fn alloc,
								 char *msg, size_t msglen);
/* text form: the length needed (without NUL), and the writer */
extern size_t sketch_format(const SketchData *s, char *buf, size_t buflen);

/* shortest text of a double that reads back exactly */
extern int	sketch_format_double(double v, char *buf, size_t buflen);

#endif							/* JOURNEY_SKETCH_CORE_H */
