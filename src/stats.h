/*
 * stats.h
 *		Pure-C statistics kernels: normal quantiles and tails, NPS variance,
 *		adjusted-Wald and Wilson intervals.  No PostgreSQL dependencies, so
 *		they can be tested and fuzzed alone.
 */
#ifndef JOURNEY_STATS_H
#define JOURNEY_STATS_H

#include <stdint.h>

/* inverse of the standard normal CDF (Wichura AS241, PPND16); 0 < p < 1 */
extern double stats_norm_quantile(double p);

/* two-sided p-value of a z statistic: erfc(|z|/sqrt 2) */
extern double stats_two_sided_p(double z);

/* one-sided upper tail P(Z >= z): erfc(z/sqrt 2)/2 */
extern double stats_upper_tail_p(double z);

/*
 * An NPS sample reduced to what the interval methods need: the (possibly
 * adjusted) counts of promoters, detractors and the sample size, as doubles.
 */
typedef struct NpsSample
{
	double		promoters;
	double		detractors;
	double		n;
} NpsSample;

/* make an NpsSample from counts; adjusted = add 0.75/1.5/0.75 pseudo-responses */
extern NpsSample stats_nps_sample(int64_t promoters, int64_t passives,
								  int64_t detractors, int adjusted);

/* NPS as a proportion (-1..1) of a sample */
extern double stats_nps_proportion(NpsSample s);

/* per-response variance p + d - (p - d)^2 of a sample */
extern double stats_nps_variance(NpsSample s);

/* Wilson score interval of x successes in n trials, as fractions 0..1 */
extern void stats_wilson(int64_t x, int64_t n, double z, double *low, double *high);

#endif							/* JOURNEY_STATS_H */
