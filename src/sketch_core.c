/*
 * sketch_core.c
 *		Pure-C kernel of journey.quantile_sketch (see sketch_core.h).
 *
 * Text form (round-trips exactly; pg_dump writes it):
 *		ddsketch/2 alpha=A count=N zeros=Z min=X max=Y sum=S [sum_rest=R,...]
 *			[pos=K:c,c,...] [neg=K:c,c,...] [collapsed]
 * on one line, fields in this order, separated by spaces.  S is the exact
 * sum correctly rounded, and sum_rest the rest of its terms (sketch_core.h,
 * "Exact sum"), given when the rounding was inexact.  ddsketch/1, written
 * by journey before the exact sum, is read too (without sum_rest).  pos and neg
 * give the index K of the first bucket and the counts of consecutive
 * buckets, first and last non-zero, where ~N stands for N empty buckets; a
 * store without values is omitted.
 * Doubles are printed in the shortest form that reads back to the same bits.
 */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sketch_core.h"

double
sketch_multiplier(double alpha)
{
	return 1.0 / log((1.0 + alpha) / (1.0 - alpha));
}

void
sketch_index_range(double multiplier, int32_t *lo, int32_t *hi)
{
	*lo = sketch_index(multiplier, 4.9406564584124654e-324);
	*hi = sketch_index(multiplier, DBL_MAX);
}

/* inverse of the piecewise-linear log2: 2^floor(f) (1 + frac(f)) */
static double
Exp2ish(double f)
{
	double		fl = floor(f);

	if (fl >= 1024.0)
		return DBL_MAX;
	return ldexp(1.0 + (f - fl), (int) fl);
}

double
sketch_bucket_value(double multiplier, int32_t k)
{
	double		lo = Exp2ish(((double) k - 1.0) / multiplier);
	double		hi = Exp2ish((double) k / multiplier);

	/*
	 * 2 lo hi / (lo + hi).  Near DBL_MAX both 2 hi and lo + hi overflow, so
	 * there the equivalent 2 lo / (1 + lo / hi) is used (it differs in the
	 * last bits, so the common case keeps the first form).
	 */
	if (hi > DBL_MAX / 2)
		return lo * (2.0 / (1.0 + lo / hi));
	return lo * (2.0 * hi / (lo + hi));
}

/* ----------------------------------------------------------------
 * Exact sum
 * ----------------------------------------------------------------
 */

void
sketch_acc_normalize(int64_t *acc)
{
	int64_t		carry = 0;

	for (int i = 0; i < SKETCH_ACC_LIMBS - 1; i++)
	{
		int64_t		t = acc[i] + carry;

		acc[i] = t & 0xffffffff;
		carry = t >> 32;		/* arithmetic shift: floor division */
	}
	acc[SKETCH_ACC_LIMBS - 1] += carry;
}

/* bits pos .. pos + 63 of normalized non-negative limbs (beyond: zero) */
static uint64_t
AccBits(const int64_t *acc, int pos)
{
	int			w = pos >> 5;
	unsigned __int128 v = 0;

	for (int i = 2; i >= 0; i--)
	{
		v <<= 32;
		if (w + i < SKETCH_ACC_LIMBS)
			v |= (uint64_t) acc[w + i];
	}
	return (uint64_t) (v >> (pos & 31));
}

/* whether any bit below pos is set in normalized non-negative limbs */
static bool
AccAnyBelow(const int64_t *acc, int pos)
{
	int			w = pos >> 5;

	for (int i = 0; i < w; i++)
		if (acc[i] != 0)
			return true;
	return (acc[w] & ((INT64_C(1) << (pos & 31)) - 1)) != 0;
}

/*
 * N 2^-1074 correctly rounded (to nearest, ties to even), for normalized
 * non-negative limbs; +Infinity beyond DBL_MAX.
 */
static double
AccRound(const int64_t *acc)
{
	int			top = SKETCH_ACC_LIMBS - 1;
	int			h,
				r;
	uint64_t	m;

	while (top >= 0 && acc[top] == 0)
		top--;
	if (top < 0)
		return 0.0;
	h = 32 * top + 63 - __builtin_clzll((uint64_t) acc[top]);	/* top bit */
	if (h <= 52)
		return ldexp((double) AccBits(acc, 0), -1074); /* exact */
	r = h - 52;					/* the lowest bit kept */
	m = AccBits(acc, r) & ((UINT64_C(1) << 53) - 1);
	if (((AccBits(acc, r - 1) & 1) != 0) && ((m & 1) != 0 || AccAnyBelow(acc, r - 1)))
	{
		m++;
		if (m == UINT64_C(1) << 53)
		{
			m >>= 1;
			r++;
		}
	}
	/* m has 53 bits and r >= 1: the result is normal, ldexp exact */
	return ldexp((double) m, r - 1074);
}

int
sketch_acc_terms(const int64_t *acc, double *terms)
{
	int64_t		a[SKETCH_ACC_LIMBS];
	int			n = 0;

	memcpy(a, acc, sizeof(a));
	sketch_acc_normalize(a);
	for (;;)
	{
		bool		negative = a[SKETCH_ACC_LIMBS - 1] < 0;
		double		t;

		if (negative)
		{
			/* round the magnitude: -N, normalized */
			for (int i = 0; i < SKETCH_ACC_LIMBS; i++)
				a[i] = -a[i];
			sketch_acc_normalize(a);
		}
		t = AccRound(a);
		if (t == 0.0)
			return n;
		terms[n++] = negative ? -t : t;
		if (isinf(t))
			return 1;			/* nothing else is meaningful */
		/* subtract the magnitude; the sign of what is left is undone below */
		sketch_acc_add(a, -t);
		sketch_acc_normalize(a);
		if (negative)
		{
			for (int i = 0; i < SKETCH_ACC_LIMBS; i++)
				a[i] = -a[i];
			sketch_acc_normalize(a);
		}
		/* each term takes 53 bits or more off: at most 42 of 2161 bits */
		if (n == SKETCH_MAX_SUM_TERMS)
			return n;
	}
}

void
sketch_sum_to_acc(const SketchData *s, int64_t *acc)
{
	memset(acc, 0, sizeof(int64_t) * SKETCH_ACC_LIMBS);
	sketch_acc_add(acc, s->sum);
	for (int i = 0; i < s->sum_rest_length; i++)
		sketch_acc_add(acc, s->sum_rest[i]);
}

/* whether the sum terms of s are finite and the unique list for their sum */
static bool
SumIsCanonical(const SketchData *s)
{
	int64_t		acc[SKETCH_ACC_LIMBS];
	double		terms[SKETCH_MAX_SUM_TERMS];
	int			n;

	if (!isfinite(s->sum) || s->sum_rest_length < 0 ||
		s->sum_rest_length > SKETCH_MAX_SUM_TERMS - 1)
		return false;
	for (int i = 0; i < s->sum_rest_length; i++)
		if (!isfinite(s->sum_rest[i]))
			return false;
	sketch_sum_to_acc(s, acc);
	n = sketch_acc_terms(acc, terms);
	/* a zero sum has no terms; a lone term may be -0 (format 1 wrote it) */
	if (n == 0)
		return s->sum == 0.0 && s->sum_rest_length == 0;
	if (n != s->sum_rest_length + 1 || terms[0] != s->sum)
		return false;
	for (int i = 1; i < n; i++)
		if (terms[i] != s->sum_rest[i - 1])
			return false;
	return true;
}

/* sum of a count array; false on overflow */
static bool
SumCounts(const int64_t *c, int32_t n, int64_t *sum)
{
	for (int32_t i = 0; i < n; i++)
	{
		if (c[i] < 0 || __builtin_add_overflow(*sum, c[i], sum))
			return false;
	}
	return true;
}

SketchStatus
sketch_check(const SketchData *s, char *msg, size_t msglen)
{
	int32_t		klo,
				khi;
	int64_t		total = 0;

	if (!(s->alpha >= SKETCH_MIN_ALPHA && s->alpha <= SKETCH_MAX_ALPHA))
	{
		snprintf(msg, msglen, "relative error %g is out of range %g..%g",
				 s->alpha, SKETCH_MIN_ALPHA, SKETCH_MAX_ALPHA);
		return SKETCH_BAD_VALUE;
	}
	if (s->count < 1 || s->zero_count < 0)
	{
		snprintf(msg, msglen, "count %lld or zero count %lld is out of range",
				 (long long) s->count, (long long) s->zero_count);
		return SKETCH_BAD_VALUE;
	}
	if (!isfinite(s->min) || !isfinite(s->max) || !isfinite(s->sum) || s->min > s->max)
	{
		snprintf(msg, msglen, "min %g, max %g and sum %g must be finite with min <= max",
				 s->min, s->max, s->sum);
		return SKETCH_BAD_VALUE;
	}
	if (!SumIsCanonical(s))
	{
		snprintf(msg, msglen, "sum %g and its %d further terms are not the rounded sum and its rest",
				 s->sum, (int) s->sum_rest_length);
		return SKETCH_BAD_VALUE;
	}
	sketch_index_range(s->multiplier, &klo, &khi);
	if (s->pos_length < 0 || s->pos_length > SKETCH_MAX_BUCKETS ||
		s->neg_length < 0 || s->neg_length > SKETCH_MAX_BUCKETS ||
		(s->pos_length > 0 && (s->pos_offset < klo || s->pos_offset > khi - s->pos_length + 1)) ||
		(s->neg_length > 0 && (s->neg_offset < klo || s->neg_offset > khi - s->neg_length + 1)))
	{
		snprintf(msg, msglen, "bucket range is out of bounds");
		return SKETCH_BAD_VALUE;
	}
	if ((s->pos_length > 0 && (s->pos[0] == 0 || s->pos[s->pos_length - 1] == 0)) ||
		(s->neg_length > 0 && (s->neg[0] == 0 || s->neg[s->neg_length - 1] == 0)))
	{
		snprintf(msg, msglen, "first and last bucket counts must be non-zero");
		return SKETCH_BAD_VALUE;
	}
	total = s->zero_count;
	if (!SumCounts(s->pos, s->pos_length, &total) ||
		!SumCounts(s->neg, s->neg_length, &total))
	{
		snprintf(msg, msglen, "bucket counts are negative or add up past int64");
		return SKETCH_BAD_VALUE;
	}
	if (total != s->count)
	{
		snprintf(msg, msglen, "count %lld does not match the bucket counts %lld",
				 (long long) s->count, (long long) total);
		return SKETCH_BAD_VALUE;
	}

	/* min and max must lie in the extreme non-empty buckets */
	if ((s->neg_length > 0) != (s->min < 0.0) ||
		(s->pos_length > 0) != (s->max > 0.0) ||
		(s->zero_count > 0 && !(s->min <= 0.0 && s->max >= 0.0)) ||
		(s->zero_count == 0 && s->neg_length == 0 && !(s->min > 0.0)) ||
		(s->zero_count == 0 && s->pos_length == 0 && !(s->max < 0.0)) ||
		(s->max > 0.0 && sketch_index(s->multiplier, s->max) != s->pos_offset + s->pos_length - 1) ||
		(s->min < 0.0 && sketch_index(s->multiplier, -s->min) != s->neg_offset + s->neg_length - 1) ||
		(!s->collapsed && s->min > 0.0 && sketch_index(s->multiplier, s->min) != s->pos_offset) ||
		(!s->collapsed && s->max < 0.0 && sketch_index(s->multiplier, -s->max) != s->neg_offset))
	{
		snprintf(msg, msglen, "min %g and max %g do not match the buckets", s->min, s->max);
		return SKETCH_BAD_VALUE;
	}
	return SKETCH_OK;
}

/*
 * Equal sketches have the same relative error, collapsed flag, counts,
 * buckets, min, max and exact sum: the same text form, but for the sign of
 * a zero min, max or sum (format 1 could store a sum of -0), which compare
 * as numbers.  Valid sketches only: their bucket ranges are trimmed and
 * their sum terms canonical, so equal contents have equal fields.
 */
bool
sketch_equal(const SketchData *a, const SketchData *b)
{
	if (a->alpha != b->alpha || a->collapsed != b->collapsed ||
		a->count != b->count || a->zero_count != b->zero_count ||
		a->min != b->min || a->max != b->max || a->sum != b->sum ||
		a->sum_rest_length != b->sum_rest_length ||
		a->pos_length != b->pos_length || a->neg_length != b->neg_length ||
		(a->pos_length > 0 && a->pos_offset != b->pos_offset) ||
		(a->neg_length > 0 && a->neg_offset != b->neg_offset))
		return false;
	for (int i = 0; i < a->sum_rest_length; i++)
		if (a->sum_rest[i] != b->sum_rest[i])
			return false;
	return (a->pos_length == 0 ||
			memcmp(a->pos, b->pos, sizeof(int64_t) * a->pos_length) == 0) &&
		(a->neg_length == 0 ||
		 memcmp(a->neg, b->neg, sizeof(int64_t) * a->neg_length) == 0);
}

static double
Clamp(const SketchData *s, double v)
{
	if (isnan(v))
		return v;
	return v < s->min ? s->min : (v > s->max ? s->max : v);
}

/*
 * The k-th smallest value (1-based) with k = max(1, ceil(p n)), as
 * percentile_disc computes it, estimated within alpha; the first and last
 * are the exact min and max.
 */
double
sketch_quantile(const SketchData *s, double p)
{
	int64_t		n = s->count;
	double		kd = ceil(p * (double) n);
	int64_t		k;
	int64_t		cum = 0;

	if (isnan(p))
		return NAN;				/* callers reject NaN; never a silent number */
	/* clamp in double: p n can round to 2^63, which no int64 holds */
	k = kd >= (double) n ? n : (kd < 1.0 ? 1 : (int64_t) kd);
	if (k == 1)
		return s->min;
	if (k == n)
		return s->max;
	/* most negative first: the negative store from its highest index */
	for (int32_t i = s->neg_length - 1; i >= 0; i--)
	{
		cum += s->neg[i];
		if (cum >= k)
			return Clamp(s, -sketch_bucket_value(s->multiplier, s->neg_offset + i));
	}
	cum += s->zero_count;
	if (cum >= k)
		return Clamp(s, 0.0);
	for (int32_t i = 0; i < s->pos_length; i++)
	{
		cum += s->pos[i];
		if (cum >= k)
			return Clamp(s, sketch_bucket_value(s->multiplier, s->pos_offset + i));
	}
	return s->max;
}

/*
 * Mid-rank of x at bucket resolution, as a fraction 0..1: the values in
 * buckets below x's bucket plus half of those in its bucket, over n.
 * Below min it is 0 and above max 1, exactly.
 */
double
sketch_rank(const SketchData *s, double x)
{
	double		below = 0.0;
	double		at = 0.0;

	if (x < s->min)
		return 0.0;
	if (x > s->max)
		return 1.0;
	if (x == 0.0)
	{
		for (int32_t i = 0; i < s->neg_length; i++)
			below += (double) s->neg[i];
		at = (double) s->zero_count;
	}
	else if (x > 0.0)
	{
		int32_t		k = sketch_index(s->multiplier, x);

		for (int32_t i = 0; i < s->neg_length; i++)
			below += (double) s->neg[i];
		below += (double) s->zero_count;
		for (int32_t i = 0; i < s->pos_length; i++)
		{
			int32_t		idx = s->pos_offset + i;

			if (idx < k)
				below += (double) s->pos[i];
			else if (idx == k)
				at = (double) s->pos[i];
		}
		/* a collapsed store folded everything below its first bucket there */
		if (s->collapsed && s->pos_length > 0 && k < s->pos_offset)
			at = (double) s->pos[0];
	}
	else
	{
		int32_t		k = sketch_index(s->multiplier, -x);

		for (int32_t i = 0; i < s->neg_length; i++)
		{
			int32_t		idx = s->neg_offset + i;

			if (idx > k)
				below += (double) s->neg[i];
			else if (idx == k)
				at = (double) s->neg[i];
		}
		if (s->collapsed && s->neg_length > 0 && k < s->neg_offset)
			at = (double) s->neg[0];
	}
	return (below + 0.5 * at) / (double) s->count;
}

size_t
sketch_varint_size(const int64_t *counts, int32_t n)
{
	size_t		size = 0;

	for (int32_t i = 0; i < n; i++)
	{
		uint64_t	v = (uint64_t) counts[i];

		do
		{
			size++;
			v >>= 7;
		} while (v != 0);
	}
	return size;
}

uint8_t *
sketch_varint_encode(const int64_t *counts, int32_t n, uint8_t *out)
{
	for (int32_t i = 0; i < n; i++)
	{
		uint64_t	v = (uint64_t) counts[i];

		while (v >= 0x80)
		{
			*out++ = (uint8_t) (v | 0x80);
			v >>= 7;
		}
		*out++ = (uint8_t) v;
	}
	return out;
}

SketchStatus
sketch_varint_decode(const uint8_t *in, size_t len, int64_t *counts, int32_t n,
					 size_t *used, char *msg, size_t msglen)
{
	size_t		pos = 0;

	for (int32_t i = 0; i < n; i++)
	{
		uint64_t	v = 0;
		int			shift = 0;

		for (;;)
		{
			uint8_t		b;

			if (pos >= len)
			{
				snprintf(msg, msglen, "bucket counts end early");
				return SKETCH_BAD_BINARY;
			}
			b = in[pos++];
			if (shift == 63 && (b & 0x7f) > 0)
			{
				snprintf(msg, msglen, "a bucket count exceeds int64");
				return SKETCH_BAD_VALUE;
			}
			v |= (uint64_t) (b & 0x7f) << shift;
			if (!(b & 0x80))
				break;
			shift += 7;
			if (shift > 63)
			{
				snprintf(msg, msglen, "a bucket count exceeds int64");
				return SKETCH_BAD_VALUE;
			}
		}
		counts[i] = (int64_t) v;
	}
	*used = pos;
	return SKETCH_OK;
}

/* ----------------------------------------------------------------
 * Text form
 * ----------------------------------------------------------------
 */

int
sketch_format_double(double v, char *buf, size_t buflen)
{
	for (int prec = 15; prec <= 17; prec++)
	{
		int			n = snprintf(buf, buflen, "%.*g", prec, v);

		if (prec == 17 || strtod(buf, NULL) == v)
			return n;
	}
	return 0;					/* not reached */
}

size_t
sketch_format(const SketchData *s, char *buf, size_t buflen)
{
	size_t		len = 0;
	char		d[5][32];

#define APPEND(...) \
	do { \
		int n_ = snprintf(buf && len < buflen ? buf + len : NULL, \
						  len < buflen ? buflen - len : 0, __VA_ARGS__); \
		len += (n_ > 0 ? (size_t) n_ : 0); \
	} while (0)

	sketch_format_double(s->alpha, d[0], sizeof(d[0]));
	sketch_format_double(s->min, d[1], sizeof(d[1]));
	sketch_format_double(s->max, d[2], sizeof(d[2]));
	sketch_format_double(s->sum, d[3], sizeof(d[3]));
	APPEND("ddsketch/%d alpha=%s count=%lld zeros=%lld min=%s max=%s sum=%s",
		   SKETCH_FORMAT_VERSION, d[0], (long long) s->count,
		   (long long) s->zero_count, d[1], d[2], d[3]);
	for (int32_t i = 0; i < s->sum_rest_length; i++)
	{
		sketch_format_double(s->sum_rest[i], d[4], sizeof(d[4]));
		APPEND("%s%s", i ? "," : " sum_rest=", d[4]);
	}
	for (int store = 0; store < 2; store++)
	{
		int32_t		n = store == 0 ? s->pos_length : s->neg_length;
		const int64_t *c = store == 0 ? s->pos : s->neg;

		if (n == 0)
			continue;
		APPEND(" %s=%d:", store == 0 ? "pos" : "neg",
			   (int) (store == 0 ? s->pos_offset : s->neg_offset));
		for (int32_t i = 0; i < n; i++)
		{
			int32_t		run = 0;

			while (i + run < n && c[i + run] == 0)
				run++;
			if (run >= 2)
			{
				/* a run of empty buckets */
				APPEND("%s~%d", i ? "," : "", (int) run);
				i += run - 1;
			}
			else
				APPEND("%s%lld", i ? "," : "", (long long) c[i]);
		}
	}
	if (s->collapsed)
		APPEND(" collapsed");
#undef APPEND
	return len;
}

/* expect the literal word at *p, then skip it */
static bool
Expect(const char **p, const char *word)
{
	size_t		n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

static const char *
SkipSpaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static bool
ParseInt64(const char **p, int64_t *out)
{
	const char *q = *p;
	bool		neg = false;
	uint64_t	v = 0;

	if (*q == '-' || *q == '+')
		neg = (*q++ == '-');
	if (!isdigit((unsigned char) *q))
		return false;
	while (isdigit((unsigned char) *q))
	{
		int			digit = *q++ - '0';

		if (v > (UINT64_C(9223372036854775808) - (uint64_t) digit) / 10)
			return false;
		v = v * 10 + (uint64_t) digit;
	}
	if (!neg && v > (uint64_t) INT64_MAX)
		return false;
	*out = neg ? (int64_t) (0 - v) : (int64_t) v;
	*p = q;
	return true;
}

/* a decimal double: digits, sign, point and exponent only */
static bool
ParseDouble(const char **p, double *out)
{
	const char *q = *p;
	char		tmp[64];
	size_t		n = 0;
	char	   *end;

	while (isdigit((unsigned char) q[n]) || q[n] == '-' || q[n] == '+' ||
		   q[n] == '.' || q[n] == 'e' || q[n] == 'E')
		n++;
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, q, n);
	tmp[n] = '\0';
	*out = strtod(tmp, &end);
	if (end != tmp + n)
		return false;
	*p = q + n;
	return true;
}

/* "K:c,c,..." into a freshly allocated count array; "~N" is N zeros */
static SketchStatus
ParseStore(const char **p, int32_t *offset, int32_t *length, int64_t **counts,
		   sketch_alloc_fn alloc, char *msg, size_t msglen)
{
	int64_t		off;
	int32_t		n = 0;

	if (!ParseInt64(p, &off) || off < INT32_MIN || off > INT32_MAX || **p != ':')
	{
		snprintf(msg, msglen, "expected a bucket index and \":\"");
		return SKETCH_BAD_SYNTAX;
	}
	(*p)++;
	*counts = alloc(sizeof(int64_t) * SKETCH_MAX_BUCKETS);
	for (;;)
	{
		int64_t		v;

		if (**p == '~')
		{
			(*p)++;
			if (!ParseInt64(p, &v) || v < 1 || v > SKETCH_MAX_BUCKETS - n)
			{
				snprintf(msg, msglen, "expected a run of 1..%d empty buckets after \"~\"",
						 SKETCH_MAX_BUCKETS - n);
				return SKETCH_BAD_SYNTAX;
			}
			n += (int32_t) v;	/* the array is zeroed */
		}
		else
		{
			if (!ParseInt64(p, &v))
			{
				snprintf(msg, msglen, "expected a bucket count");
				return SKETCH_BAD_SYNTAX;
			}
			if (v < 0)
			{
				snprintf(msg, msglen, "bucket count %lld is negative", (long long) v);
				return SKETCH_BAD_VALUE;
			}
			if (n >= SKETCH_MAX_BUCKETS)
			{
				snprintf(msg, msglen, "more than %d buckets", SKETCH_MAX_BUCKETS);
				return SKETCH_BAD_VALUE;
			}
			(*counts)[n++] = v;
		}
		if (**p != ',')
			break;
		(*p)++;
	}
	*offset = (int32_t) off;
	*length = n;
	return SKETCH_OK;
}

SketchStatus
sketch_parse(const char *str, SketchData *s, sketch_alloc_fn alloc,
			 char *msg, size_t msglen)
{
	const char *p = SkipSpaces(str);
	static const char *const names[] = {"alpha=", "count=", "zeros=", "min=", "max=", "sum="};
	SketchStatus st;
	int64_t	   *pos = NULL;
	int64_t	   *neg = NULL;
	int			version;

	memset(s, 0, sizeof(*s));
	if (!Expect(&p, "ddsketch/"))
	{
		snprintf(msg, msglen, "expected \"ddsketch/\" at the start");
		return SKETCH_BAD_SYNTAX;
	}
	if (Expect(&p, "1 "))
		version = 1;
	else if (Expect(&p, "2 "))
		version = 2;
	else
	{
		snprintf(msg, msglen, "unknown text format version (this build reads ddsketch/1 and ddsketch/2)");
		return SKETCH_BAD_VERSION;
	}
	for (int f = 0; f < 6; f++)
	{
		bool		ok;

		p = SkipSpaces(p);
		if (!Expect(&p, names[f]))
		{
			snprintf(msg, msglen, "expected \"%s\"", names[f]);
			return SKETCH_BAD_SYNTAX;
		}
		switch (f)
		{
			case 0:
				ok = ParseDouble(&p, &s->alpha);
				break;
			case 1:
				ok = ParseInt64(&p, &s->count);
				break;
			case 2:
				ok = ParseInt64(&p, &s->zero_count);
				break;
			case 3:
				ok = ParseDouble(&p, &s->min);
				break;
			case 4:
				ok = ParseDouble(&p, &s->max);
				break;
			default:
				ok = ParseDouble(&p, &s->sum);
				break;
		}
		if (!ok || (*p != ' ' && *p != '\0' && *p != '\t' && *p != '\n' && *p != '\r'))
		{
			snprintf(msg, msglen, "malformed value after \"%s\"", names[f]);
			return SKETCH_BAD_SYNTAX;
		}
	}
	p = SkipSpaces(p);
	if (version >= 2 && Expect(&p, "sum_rest="))
	{
		for (;;)
		{
			if (s->sum_rest_length == SKETCH_MAX_SUM_TERMS - 1)
			{
				snprintf(msg, msglen, "more than %d terms after \"sum_rest=\"",
						 SKETCH_MAX_SUM_TERMS - 1);
				return SKETCH_BAD_VALUE;
			}
			if (!ParseDouble(&p, &s->sum_rest[s->sum_rest_length++]))
			{
				snprintf(msg, msglen, "malformed value after \"sum_rest=\"");
				return SKETCH_BAD_SYNTAX;
			}
			if (*p != ',')
				break;
			p++;
		}
		p = SkipSpaces(p);
	}
	if (Expect(&p, "pos="))
	{
		if ((st = ParseStore(&p, &s->pos_offset, &s->pos_length, &pos, alloc, msg, msglen)) != SKETCH_OK)
			return st;
		p = SkipSpaces(p);
	}
	if (Expect(&p, "neg="))
	{
		if ((st = ParseStore(&p, &s->neg_offset, &s->neg_length, &neg, alloc, msg, msglen)) != SKETCH_OK)
			return st;
		p = SkipSpaces(p);
	}
	if (Expect(&p, "collapsed"))
	{
		s->collapsed = true;
		p = SkipSpaces(p);
	}
	if (*p != '\0')
	{
		snprintf(msg, msglen, "unexpected \"%.20s\"", p);
		return SKETCH_BAD_SYNTAX;
	}
	s->pos = pos;
	s->neg = neg;
	if (!(s->alpha >= SKETCH_MIN_ALPHA && s->alpha <= SKETCH_MAX_ALPHA))
	{
		snprintf(msg, msglen, "relative error %g is out of range %g..%g",
				 s->alpha, SKETCH_MIN_ALPHA, SKETCH_MAX_ALPHA);
		return SKETCH_BAD_VALUE;
	}
	s->multiplier = sketch_multiplier(s->alpha);
	return sketch_check(s, msg, msglen);
}
