-- Statistics of score summaries.  Expected values were computed
-- independently of the code (test/fixtures/stats_expected.py: 60-digit
-- decimal arithmetic, normal quantile by Newton on erfc) and are compared
-- here within a relative 1e-11 (they are rounded to 12 digits).

CREATE FUNCTION close(actual float8, expected float8) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN (actual IS NULL AND expected IS NULL)
    OR abs(actual - expected) <= 1e-11 * greatest(1, abs(expected));

-- summary with P promoters (score 9), A passives (8) and D detractors (0)
CREATE FUNCTION pad(p int, a int, d int) RETURNS journey.score_summary
LANGUAGE sql IMMUTABLE
RETURN format('{0:%s,8:%s,9:%s}', d, a, p)::journey.score_summary;

-- the normal quantile, seen through a Wald interval of known width:
-- P = D = 50, n = 100: V = 1, SE = 0.1, so the upper bound is 100 z 0.1
SELECT c, close((journey.nps_ci('{0:50,9:50}', c, 'wald')).high / 10, z) AS ok
FROM (VALUES (0.95, 1.95996398454), (0.90, 1.64485362695), (0.99, 2.57582930355),
             (0.80, 1.28155156554)) v(c, z);

-- confidence intervals: both methods, two levels
SELECT p, a, d, c, m,
       close(ci.low, lo) AS low_ok, close(ci.high, hi) AS high_ok
FROM (VALUES
  (30, 0, 10, 0.95, 'wald', 23.1620878442, 76.8379121558),
  (30, 0, 10, 0.90, 'wald', 27.4769141181, 72.5230858819),
  (30, 0, 10, 0.95, 'adjusted-wald', 20.6478544444, 72.3754013696),
  (30, 0, 10, 0.90, 'adjusted-wald', 24.8060649874, 68.2171908266),
  (5, 3, 2, 0.95, 'wald', -18.4075395019, 78.4075395019),
  (5, 3, 2, 0.95, 'adjusted-wald', -19.0506153764, 65.2044615302),
  (5, 3, 2, 0.90, 'adjusted-wald', -12.2776216831, 58.4314678369),
  (1, 0, 0, 0.95, 'wald', 100, 100),
  (1, 0, 0, 0.95, 'adjusted-wald', -48.4986494203, 98.4986494203),
  (0, 0, 1, 0.95, 'adjusted-wald', -98.4986494203, 48.4986494203),
  (0, 0, 1, 0.90, 'wald', -100, -100),
  (0, 5, 0, 0.95, 'wald', 0, 0),
  (0, 5, 0, 0.95, 'adjusted-wald', -30.0056979772, 30.0056979772),
  (100, 0, 0, 0.95, 'adjusted-wald', 93.0901480929, 100),
  (100, 0, 0, 0.90, 'adjusted-wald', 93.7327970177, 100),
  (450, 300, 250, 0.95, 'wald', 14.9647613546, 25.0352386454),
  (450, 300, 250, 0.95, 'adjusted-wald', 14.9138453623, 24.966513561),
  (450, 300, 250, 0.90, 'adjusted-wald', 15.721946913, 24.1584120102),
  (2, 1, 7, 0.95, 'wald', -99.9694730155, -0.030526984456),
  (2, 1, 7, 0.95, 'adjusted-wald', -82.6155834948, 5.69250657169),
  (2, 1, 7, 0.90, 'adjusted-wald', -75.516781155, -1.40629576812)
) v(p, a, d, c, m, lo, hi),
LATERAL journey.nps_ci(pad(p, a, d), c, m) ci
ORDER BY m, p, a, d, c;

-- the defaults are 0.95 and adjusted-wald
SELECT close(low, 20.6478544444) AND close(high, 72.3754013696) AS ok
FROM journey.nps_ci(pad(30, 0, 10));

-- standard error (Wald, population form)
SELECT p, a, d, close(journey.nps_se(pad(p, a, d)), se) AS ok
FROM (VALUES (30, 0, 10, 13.6930639376), (5, 3, 2, 24.6981780705), (1, 0, 0, 0),
             (450, 300, 250, 2.56904651573), (2, 1, 7, 25.495097568)) v(p, a, d, se);

-- two independent samples: difference b - a, z, two-sided p
SELECT a, b, m, close(t.difference, diff) AS diff_ok, close(t.z, zz) AS z_ok,
       close(t.p_value, pv) AS p_ok
FROM (VALUES
  ('{30,0,10}'::int[], '{10,5,10}'::int[], 'wald', -50, -2.21948380809, 0.0264538275921),
  ('{30,0,10}', '{10,5,10}', 'adjusted-wald', -50, -2.19656024546, 0.0280518680713),
  ('{450,300,250}', '{500,300,200}', 'wald', 10, 2.80606766633, 0.00501501597871),
  ('{450,300,250}', '{500,300,200}', 'adjusted-wald', 10, 2.80233132477, 0.00507347391478),
  ('{5,0,0}', '{5,0,0}', 'wald', 0, NULL, NULL),
  ('{5,0,0}', '{5,0,0}', 'adjusted-wald', 0, 0, 1),
  ('{1,0,0}', '{0,0,1}', 'wald', -200, NULL, NULL),
  ('{1,0,0}', '{0,0,1}', 'adjusted-wald', -200, -0.942809041582, 0.345778586151)
) v(a, b, m, diff, zz, pv),
LATERAL journey.nps_test(pad(a[1], a[2], a[3]), pad(b[1], b[2], b[3]), m) t
ORDER BY m, a, b;

-- one sample against a benchmark, one-sided
SELECT s, bench, alt, m, close(t.difference, diff) AS diff_ok, close(t.z, zz) AS z_ok,
       close(t.p_value, pv) AS p_ok
FROM (VALUES
  ('{450,300,250}'::int[], 10, 'greater', 'wald', 10, 3.89249472081, 4.96093296625e-05),
  ('{450,300,250}', 10, 'less', 'wald', 10, 3.89249472081, 0.99995039067),
  ('{450,300,250}', 10, 'greater', 'adjusted-wald', 10, 3.87606421688, 5.30798387986e-05),
  ('{450,300,250}', 25, 'less', 'adjusted-wald', -5, -1.97302165503, 0.0242465475977),
  ('{450,300,250}', 25, 'greater', 'wald', -5, -1.9462473604, 0.974187483303),
  ('{5,3,2}', 0, 'greater', 'adjusted-wald', 30, 1.07364303174, 0.141491351606),
  ('{5,3,2}', 0, 'less', 'wald', 30, 1.21466449527, 0.887752960341)
) v(s, bench, alt, m, diff, zz, pv),
LATERAL journey.nps_test(pad(s[1], s[2], s[3]), bench, alt, m) t
ORDER BY m, alt, bench;

-- Wilson intervals of CSAT (x satisfied = score 5, the rest score 1) and CES
SELECT x, n, c, close(ci.low, lo) AS low_ok, close(ci.high, hi) AS high_ok
FROM (VALUES
  (12, 15, 0.95, 54.8145512848, 92.952450653),
  (12, 15, 0.90, 59.121367906, 91.7101698174),
  (0, 10, 0.95, 0, 27.7532799863),
  (10, 10, 0.95, 72.2467200137, 100),
  (10, 10, 0.90, 78.7058029917, 100),
  (1, 1, 0.95, 20.6549314377, 100),
  (450, 1000, 0.95, 41.9415384074, 48.0967291774),
  (3, 7, 0.90, 18.6443190364, 71.0522908986)
) v(x, n, c, lo, hi),
LATERAL journey.csat_ci(format('{1:%s,5:%s}', n - x, x)::journey.score_summary, c) ci
ORDER BY n, x, c;
-- exact bounds at x = 0 and x = n
SELECT * FROM journey.csat_ci('{1:10}'::journey.score_summary);
SELECT * FROM journey.csat_ci('{5:10}'::journey.score_summary);
-- scale argument: on 1..7 the satisfied boxes are 6 and 7; on 1..10, 9 and 10
SELECT close(low, 54.8145512848) AND close(high, 92.952450653) AS ok
FROM journey.csat_ci('{1:3,7:12}'::journey.score_summary, 7);
SELECT close(low, 59.121367906) AND close(high, 91.7101698174) AS ok
FROM journey.csat_ci('{2:3,9:2,10:10}/10'::journey.score_summary, 0.90);
SELECT close(low, 15.8219855251) AND close(high, 74.9541635472) AS ok
FROM journey.ces_ci('{1:2,4:2,5:1,7:2}'::journey.score_summary);

-- empty summaries give NULL; bad parameters are errors (22023)
SELECT journey.nps_ci('{}') IS NULL AS ci_null,
       journey.nps_test('{}', '{9:1}'::journey.score_summary) IS NULL AS test_null,
       journey.csat_ci('{}'::journey.score_summary) IS NULL AS csat_null;
SELECT journey.nps_ci('{9:1}', 1.0);
SELECT journey.nps_ci('{9:1}', 0);
SELECT journey.nps_ci('{9:1}', 'NaN');
SELECT journey.nps_ci('{9:1}', 0.95, 'bootstrap');
SELECT journey.nps_test('{9:1}'::journey.score_summary, 10, 'two-sided');
SELECT journey.nps_test('{9:1}'::journey.score_summary, 101);
SELECT journey.csat_ci('{4:1}'::journey.score_summary, 7);
SELECT journey.nps_ci('{4:1}/5');
