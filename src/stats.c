/*
 * stats.c
 *		Pure-C statistics kernels (see stats.h).
 *
 * The normal quantile is Wichura's algorithm AS241 (PPND16, Applied
 * Statistics 37(3), 1988), accurate to about 1e-16 relative error; the
 * coefficients below are those published with it.
 */
#include <math.h>

#include "stats.h"

/* evaluate a degree-7 polynomial with coefficients c[0] + c[1] x + ... */
static double
Poly7(const double *c, double x)
{
	return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x
			 + c[2]) * x + c[1]) * x + c[0];
}

double
stats_norm_quantile(double p)
{
	static const double a[8] = {
		3.3871328727963666080e0, 1.3314166789178437745e+2,
		1.9715909503065514427e+3, 1.3731693765509461125e+4,
		4.5921953931549871457e+4, 6.7265770927008700853e+4,
		3.3430575583588128105e+4, 2.5090809287301226727e+3};
	static const double b[8] = {
		1.0, 4.2313330701600911252e+1,
		6.8718700749205790830e+2, 5.3941960214247511077e+3,
		2.1213794301586595867e+4, 3.9307895800092710610e+4,
		2.8729085735721942674e+4, 5.2264952788528545610e+3};
	static const double c[8] = {
		1.42343711074968357734e0, 4.63033784615654529590e0,
		5.76949722146069140550e0, 3.64784832476320460504e0,
		1.27045825245236838258e0, 2.41780725177450611770e-1,
		2.27238449892691845833e-2, 7.74545014278341407640e-4};
	static const double d[8] = {
		1.0, 2.05319162663775882187e0,
		1.67638483018380384940e0, 6.89767334985100004550e-1,
		1.48103976427480074590e-1, 1.51986665636164571966e-2,
		5.47593808499534494600e-4, 1.05075007164441684324e-9};
	static const double e[8] = {
		6.65790464350110377720e0, 5.46378491116411436990e0,
		1.78482653991729133580e0, 2.96560571828504891230e-1,
		2.65321895265761230930e-2, 1.24266094738807843860e-3,
		2.71155556874348757815e-5, 2.01033439929228813265e-7};
	static const double f[8] = {
		1.0, 5.99832206555887937690e-1,
		1.36929880922735805310e-1, 1.48753612908506148525e-2,
		7.86869131145613259100e-4, 1.84631831751005468180e-5,
		1.42151175831644588870e-7, 2.04426310338993978564e-15};
	double		q = p - 0.5;
	double		r;
	double		val;

	if (!(p > 0.0 && p < 1.0))
		return NAN;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * Poly7(a, r) / Poly7(b, r);
	}

	r = (q < 0.0) ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		val = Poly7(c, r) / Poly7(d, r);
	}
	else
	{
		r -= 5.0;
		val = Poly7(e, r) / Poly7(f, r);
	}
	return (q < 0.0) ? -val : val;
}

double
stats_two_sided_p(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

double
stats_upper_tail_p(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

NpsSample
stats_nps_sample(int64_t promoters, int64_t passives, int64_t detractors,
				 int adjusted)
{
	NpsSample	s;

	s.promoters = (double) promoters;
	s.detractors = (double) detractors;
	s.n = (double) promoters + (double) passives + (double) detractors;
	if (adjusted)
	{
		/* Rocks (2016): 3 pseudo-responses split 0.75 / 1.5 / 0.75 */
		s.promoters += 0.75;
		s.detractors += 0.75;
		s.n += 3.0;
	}
	return s;
}

double
stats_nps_proportion(NpsSample s)
{
	return (s.promoters - s.detractors) / s.n;
}

double
stats_nps_variance(NpsSample s)
{
	double		p = s.promoters / s.n;
	double		d = s.detractors / s.n;
	double		v = p + d - (p - d) * (p - d);

	/* rounding can push an exact zero slightly negative */
	return v < 0.0 ? 0.0 : v;
}

void
stats_wilson(int64_t x, int64_t n, double z, double *low, double *high)
{
	double		nn = (double) n;
	double		ph = (double) x / nn;
	double		z2 = z * z;
	double		denom = 1.0 + z2 / nn;
	double		centre = (ph + z2 / (2.0 * nn)) / denom;
	double		half = z * sqrt(ph * (1.0 - ph) / nn + z2 / (4.0 * nn * nn)) / denom;

	*low = centre - half;
	*high = centre + half;
	/* clamp rounding noise: x = 0 gives exactly 0, x = n exactly 1 */
	if (x == 0 || *low < 0.0)
		*low = 0.0;
	if (x == n || *high > 1.0)
		*high = 1.0;
}
