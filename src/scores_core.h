/*
 * scores_core.h
 *		Pure-C kernel of journey.score_summary: the histogram of integer
 *		scores 0..10, its validation, text and binary codecs and metrics.
 *		No PostgreSQL dependencies: errors are returned as codes with a
 *		message buffer, so the codecs can be fuzzed without a server.
 */
#ifndef JOURNEY_SCORES_CORE_H
#define JOURNEY_SCORES_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCORE_MIN			0
#define SCORE_MAX			10
#define SCORE_NBUCKETS		11

/* version byte of the stored and binary formats (FORMAT.md) */
#define SCORE_FORMAT_VERSION 1

/* binary (send/recv) size: version, scale, 11 big-endian int64 counts */
#define SCORE_BINARY_SIZE	(2 + 8 * SCORE_NBUCKETS)

/*
 * The histogram.  scale 0 means "a 0..10 score with no declared scale"
 * (what journey.score_summary(score) and journey.nps build); 5, 7 or 10
 * mean a 1..scale satisfaction or effort scale declared when the summary
 * was built.  The number of responses is the sum of the counts, which every
 * validating function checks to fit in int64.
 */
typedef struct ScoreHist
{
	uint8_t		scale;
	uint8_t		pad[7];			/* zero */
	int64_t		counts[SCORE_NBUCKETS];
} ScoreHist;

/* the number of responses; a valid histogram's counts add up within int64 */
static inline int64_t
score_hist_total(const ScoreHist *h)
{
	int64_t		sum = 0;

	for (int s = 0; s < SCORE_NBUCKETS; s++)
		sum += h->counts[s];
	return sum;
}

/* result codes of the validating functions */
typedef enum ScoreStatus
{
	SCORE_OK = 0,
	SCORE_BAD_SYNTAX,			/* malformed text */
	SCORE_BAD_BINARY,			/* malformed binary layout */
	SCORE_BAD_VERSION,			/* unknown format version */
	SCORE_BAD_VALUE,			/* a count, score or scale out of range */
	SCORE_OVERFLOW				/* counts add up past int64 */
} ScoreStatus;

/* the lowest valid score under a scale (0 for scale 0, else 1) */
static inline int
score_scale_min(int scale)
{
	return scale == 0 ? SCORE_MIN : 1;
}

/* the highest valid score under a scale (10 for scale 0) */
static inline int
score_scale_max(int scale)
{
	return scale == 0 ? SCORE_MAX : scale;
}

extern bool score_scale_valid(int scale);
extern ScoreStatus score_hist_check(const ScoreHist *h, char *msg, size_t msglen);
extern ScoreStatus score_hist_parse(const char *str, ScoreHist *h, char *msg, size_t msglen);
extern size_t score_hist_format(const ScoreHist *h, char *buf, size_t buflen);
extern void score_hist_encode(const ScoreHist *h, uint8_t *buf);
extern ScoreStatus score_hist_decode(const uint8_t *buf, size_t len, ScoreHist *h,
									 char *msg, size_t msglen);
extern bool score_hist_add(ScoreHist *dst, const ScoreHist *src);
extern bool score_hist_subtract(ScoreHist *dst, const ScoreHist *src);

/* counts in an inclusive score range */
extern int64_t score_hist_count_range(const ScoreHist *h, int lo, int hi);
extern double score_hist_mean(const ScoreHist *h);
extern double score_hist_stddev(const ScoreHist *h);
extern double score_hist_percentile_disc(const ScoreHist *h, double p);
extern double score_hist_percentile_cont(const ScoreHist *h, double p);

#endif							/* JOURNEY_SCORES_CORE_H */
