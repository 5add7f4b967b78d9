/*
 * scores_core.c
 *		Pure-C kernel of journey.score_summary (see scores_core.h).
 *
 * Text form (round-trips exactly; pg_dump writes it):
 *		{score:count,score:count,...}[/scale]
 * scores 0..10 each at most once (printed in increasing order), counts
 * non-negative int64, zero counts omitted on output; the optional /scale (5, 7 or 10) records
 * a 1..scale satisfaction or effort scale.  "{}" is an empty summary.
 *
 * Binary form (send/recv): version byte, scale byte, then the 11 counts
 * for scores 0..10 as big-endian int64.  Both are documented in FORMAT.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scores_core.h"

bool
score_scale_valid(int scale)
{
	return scale == 0 || scale == 5 || scale == 7 || scale == 10;
}

/*
 * Check a histogram's invariants: a known scale, counts >= 0 and only on
 * scores of that scale, and counts that add up within int64.
 */
ScoreStatus
score_hist_check(const ScoreHist *h, char *msg, size_t msglen)
{
	int64_t		sum = 0;
	int			lo,
				hi;

	if (!score_scale_valid(h->scale))
	{
		snprintf(msg, msglen, "scale %d is not one of 5, 7, 10", (int) h->scale);
		return SCORE_BAD_VALUE;
	}
	lo = score_scale_min(h->scale);
	hi = score_scale_max(h->scale);
	for (int s = 0; s < SCORE_NBUCKETS; s++)
	{
		if (h->counts[s] < 0)
		{
			snprintf(msg, msglen, "count %lld of score %d is negative",
					 (long long) h->counts[s], s);
			return SCORE_BAD_VALUE;
		}
		if (h->counts[s] > 0 && (s < lo || s > hi))
		{
			snprintf(msg, msglen, "score %d is out of range %d..%d of scale %d",
					 s, lo, hi, (int) h->scale);
			return SCORE_BAD_VALUE;
		}
		if (__builtin_add_overflow(sum, h->counts[s], &sum))
		{
			snprintf(msg, msglen, "total number of responses exceeds %lld",
					 (long long) INT64_MAX);
			return SCORE_OVERFLOW;
		}
	}
	return SCORE_OK;
}

static const char *
SkipSpace(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		   *p == '\f' || *p == '\v')
		p++;
	return p;
}

/*
 * Parse a non-negative decimal integer up to max; returns the position after
 * it, or NULL when there are no digits or the value exceeds max.
 */
static const char *
ParseUInt(const char *p, int64_t max, int64_t *out)
{
	int64_t		v = 0;
	const char *start = p;

	while (*p >= '0' && *p <= '9')
	{
		int			digit = *p - '0';

		if (v > (max - digit) / 10)
			return NULL;
		v = v * 10 + digit;
		p++;
	}
	if (p == start)
		return NULL;
	*out = v;
	return p;
}

/* describe a parse position for a message: the text there, or end of input */
static void
Near(const char *p, char *out, size_t outlen)
{
	if (*p == '\0')
		snprintf(out, outlen, "end of input");
	else
		snprintf(out, outlen, "\"%.20s\"", p);
}

/* the length of the run of digits at p */
static int
DigitRun(const char *p)
{
	int			n = 0;

	while (p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

ScoreStatus
score_hist_parse(const char *str, ScoreHist *h, char *msg, size_t msglen)
{
	const char *p = SkipSpace(str);
	bool		seen[SCORE_NBUCKETS] = {false};
	int64_t		total = 0;
	char		where[32];

	memset(h, 0, sizeof(*h));
	if (*p != '{')
	{
		snprintf(msg, msglen, "expected \"{\" at the start");
		return SCORE_BAD_SYNTAX;
	}
	p = SkipSpace(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			int64_t		score;
			int64_t		count;
			const char *q;

			q = ParseUInt(p, SCORE_MAX, &score);
			if (q == NULL)
			{
				if (DigitRun(p) > 0)
				{
					snprintf(msg, msglen, "score %.*s is out of range %d..%d",
							 DigitRun(p) > 30 ? 30 : DigitRun(p), p, SCORE_MIN, SCORE_MAX);
					return SCORE_BAD_VALUE;
				}
				Near(p, where, sizeof(where));
				snprintf(msg, msglen, "expected a score at %s", where);
				return SCORE_BAD_SYNTAX;
			}
			if (seen[score])
			{
				snprintf(msg, msglen, "score %d appears more than once", (int) score);
				return SCORE_BAD_VALUE;
			}
			seen[score] = true;
			p = SkipSpace(q);
			if (*p != ':')
			{
				snprintf(msg, msglen, "expected \":\" after score %d", (int) score);
				return SCORE_BAD_SYNTAX;
			}
			p = SkipSpace(p + 1);
			if (*p == '-')
			{
				snprintf(msg, msglen, "count of score %d is negative", (int) score);
				return SCORE_BAD_VALUE;
			}
			q = ParseUInt(p, INT64_MAX, &count);
			if (q == NULL)
			{
				if (*p >= '0' && *p <= '9')
				{
					snprintf(msg, msglen, "count of score %d is out of range 0..%lld",
							 (int) score, (long long) INT64_MAX);
					return SCORE_OVERFLOW;
				}
				snprintf(msg, msglen, "expected a count after \"%d:\"", (int) score);
				return SCORE_BAD_SYNTAX;
			}
			h->counts[score] = count;
			if (__builtin_add_overflow(total, count, &total))
			{
				snprintf(msg, msglen, "total number of responses exceeds %lld",
						 (long long) INT64_MAX);
				return SCORE_OVERFLOW;
			}
			p = SkipSpace(q);
			if (*p == ',')
			{
				p = SkipSpace(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			Near(p, where, sizeof(where));
			snprintf(msg, msglen, "expected \",\" or \"}\" at %s", where);
			return SCORE_BAD_SYNTAX;
		}
	}
	p = SkipSpace(p + 1);
	if (*p == '/')
	{
		int64_t		scale;
		const char *q;

		p = SkipSpace(p + 1);
		q = ParseUInt(p, 1000, &scale);
		if (q == NULL || scale == 0)
		{
			snprintf(msg, msglen, "expected a scale of 5, 7 or 10 after \"/\"");
			return SCORE_BAD_SYNTAX;
		}
		if (!score_scale_valid((int) scale))
		{
			snprintf(msg, msglen, "scale %d is not one of 5, 7, 10", (int) scale);
			return SCORE_BAD_VALUE;
		}
		h->scale = (uint8_t) scale;
		p = SkipSpace(q);
	}
	if (*p != '\0')
	{
		snprintf(msg, msglen, "unexpected \"%.20s\" after the summary", p);
		return SCORE_BAD_SYNTAX;
	}
	return score_hist_check(h, msg, msglen);
}

size_t
score_hist_format(const ScoreHist *h, char *buf, size_t buflen)
{
	size_t		len = 0;
	bool		first = true;

#define APPEND(...) \
	do { \
		int n_ = snprintf(buf + len, len < buflen ? buflen - len : 0, __VA_ARGS__); \
		len += (n_ > 0 ? (size_t) n_ : 0); \
	} while (0)

	APPEND("{");
	for (int s = 0; s < SCORE_NBUCKETS; s++)
	{
		if (h->counts[s] == 0)
			continue;
		APPEND("%s%d:%lld", first ? "" : ",", s, (long long) h->counts[s]);
		first = false;
	}
	APPEND("}");
	if (h->scale != 0)
		APPEND("/%d", (int) h->scale);
#undef APPEND
	return len;
}

void
score_hist_encode(const ScoreHist *h, uint8_t *buf)
{
	buf[0] = SCORE_FORMAT_VERSION;
	buf[1] = h->scale;
	for (int s = 0; s < SCORE_NBUCKETS; s++)
	{
		uint64_t	v = (uint64_t) h->counts[s];

		for (int b = 0; b < 8; b++)
			buf[2 + 8 * s + b] = (uint8_t) (v >> (56 - 8 * b));
	}
}

ScoreStatus
score_hist_decode(const uint8_t *buf, size_t len, ScoreHist *h,
				  char *msg, size_t msglen)
{
	memset(h, 0, sizeof(*h));
	if (len < 1)
	{
		snprintf(msg, msglen, "value is empty");
		return SCORE_BAD_BINARY;
	}
	if (buf[0] != SCORE_FORMAT_VERSION)
	{
		snprintf(msg, msglen, "unknown format version %d (this build reads version %d)",
				 (int) buf[0], SCORE_FORMAT_VERSION);
		return SCORE_BAD_VERSION;
	}
	if (len != SCORE_BINARY_SIZE)
	{
		snprintf(msg, msglen, "value has %zu bytes, expected %d", len, SCORE_BINARY_SIZE);
		return SCORE_BAD_BINARY;
	}
	h->scale = buf[1];
	for (int s = 0; s < SCORE_NBUCKETS; s++)
	{
		uint64_t	v = 0;

		for (int b = 0; b < 8; b++)
			v = (v << 8) | buf[2 + 8 * s + b];
		h->counts[s] = (int64_t) v;
	}
	/* check() reports negative counts, overflow and the scale */
	return score_hist_check(h, msg, msglen);
}

/* dst += src; false on int64 overflow (dst is then unchanged) */
bool
score_hist_add(ScoreHist *dst, const ScoreHist *src)
{
	int64_t		counts[SCORE_NBUCKETS];
	int64_t		total;

	/* both are valid, so each total fits; the sum of the totals must too */
	if (__builtin_add_overflow(score_hist_total(dst), score_hist_total(src), &total))
		return false;
	for (int s = 0; s < SCORE_NBUCKETS; s++)
		counts[s] = dst->counts[s] + src->counts[s];
	memcpy(dst->counts, counts, sizeof(counts));
	return true;
}

/* dst -= src; false when src is not contained in dst (dst then unchanged) */
bool
score_hist_subtract(ScoreHist *dst, const ScoreHist *src)
{
	for (int s = 0; s < SCORE_NBUCKETS; s++)
		if (src->counts[s] > dst->counts[s])
			return false;
	for (int s = 0; s < SCORE_NBUCKETS; s++)
		dst->counts[s] -= src->counts[s];
	return true;
}

int64_t
score_hist_count_range(const ScoreHist *h, int lo, int hi)
{
	int64_t		sum = 0;

	/* cannot overflow: the counts of a valid histogram add up within int64 */
	for (int s = lo; s <= hi; s++)
		sum += h->counts[s];
	return sum;
}

/* mean score; the sum of score * count is exact in 128 bits */
double
score_hist_mean(const ScoreHist *h)
{
	__int128	sum = 0;

	for (int s = 0; s < SCORE_NBUCKETS; s++)
		sum += (__int128) s * h->counts[s];
	return (double) sum / (double) score_hist_total(h);
}

/* sample standard deviation, sqrt(sum c (s - mean)^2 / (n - 1)) */
double
score_hist_stddev(const ScoreHist *h)
{
	double		mean = score_hist_mean(h);
	double		ss = 0.0;

	for (int s = 0; s < SCORE_NBUCKETS; s++)
		ss += (double) h->counts[s] * (s - mean) * (s - mean);
	return sqrt(ss / ((double) score_hist_total(h) - 1.0));
}

/* the score at 1-based position k of the sorted responses */
static int
ScoreAtRank(const ScoreHist *h, int64_t k)
{
	int64_t		seen = 0;

	for (int s = 0; s < SCORE_NBUCKETS; s++)
	{
		seen += h->counts[s];
		if (seen >= k)
			return s;
	}
	return SCORE_MAX;
}

/* percentile_disc: the k-th smallest, k = max(1, ceil(p n)), as PostgreSQL */
double
score_hist_percentile_disc(const ScoreHist *h, double p)
{
	int64_t		n = score_hist_total(h);
	int64_t		k = (int64_t) ceil(p * (double) n);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return (double) ScoreAtRank(h, k);
}

/* percentile_cont: interpolate at 0-based position p (n - 1), as PostgreSQL */
double
score_hist_percentile_cont(const ScoreHist *h, double p)
{
	double		pos = p * (double) (score_hist_total(h) - 1);
	int64_t		first = (int64_t) floor(pos);
	int64_t		second = (int64_t) ceil(pos);
	double		lo = (double) ScoreAtRank(h, first + 1);
	double		hi;

	if (second == first)
		return lo;
	hi = (double) ScoreAtRank(h, second + 1);
	return lo + (hi - lo) * (pos - (double) first);
}
