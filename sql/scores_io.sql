-- score_summary text and binary I/O: canonical output, exact round trips,
-- and a clear error for every malformed value.

-- canonical text: scores in increasing order, zero counts omitted, spaces
-- dropped, scale after "/"
SELECT v::journey.score_summary AS canonical
FROM (VALUES ('{}'), ('{0:1,9:2,10:3}'), (' { 1 : 5 , 7:2 } / 7 '), ('{0:0,9:3}'), ('{10:1,0:2,5:3}'),
             ('{10:9223372036854775807}'), ('{}/5'), ('{1:1,2:2,3:3,4:4,5:5}/5')) t(v);

-- text round trip and binary round trip through send/recv (COPY binary)
CREATE TABLE io_src (id int, s journey.score_summary);
INSERT INTO io_src VALUES (1, '{}'), (2, '{0:1,9:2,10:3}'), (3, '{1:5,7:2}/7'),
	(4, '{10:9223372036854775807}'), (5, '{1:1,10:4}/10'), (6, NULL),
	(7, '{0:1,1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1,10:1}');
SELECT id, s::text::journey.score_summary::text = s::text AS text_roundtrip FROM io_src ORDER BY id;
COPY io_src TO '/tmp/journey_scores_io.bin' (FORMAT binary);
CREATE TABLE io_dst (LIKE io_src);
COPY io_dst FROM '/tmp/journey_scores_io.bin' (FORMAT binary);
SELECT a.id, a.s::text AS original, b.s::text IS NOT DISTINCT FROM a.s::text AS binary_roundtrip,
       journey.score_summary_send(a.s) IS NOT DISTINCT FROM journey.score_summary_send(b.s) AS same_bytes
FROM io_src a JOIN io_dst b USING (id) ORDER BY id;

-- the binary layout (FORMAT.md): version 1, scale, then the counts of
-- scores 0..10 as big-endian int64
SELECT journey.score_summary_send('{0:1,9:2,10:3}');
SELECT journey.score_summary_send('{1:5,7:258}/7');

-- malformed text, one line per class (22P02 syntax, 22003 range)
\set VERBOSITY sqlstate
SELECT ''::journey.score_summary;
SELECT '{1:99999999999999999999}'::journey.score_summary;
\set VERBOSITY default
SELECT ''::journey.score_summary;
SELECT 'junk'::journey.score_summary;
SELECT '{'::journey.score_summary;
SELECT '{1:2'::journey.score_summary;
SELECT '{1:2,}'::journey.score_summary;
SELECT '{1}'::journey.score_summary;
SELECT '{1:}'::journey.score_summary;
SELECT '{:3}'::journey.score_summary;
SELECT '{1:1.5}'::journey.score_summary;
SELECT '{1:2}x'::journey.score_summary;
SELECT '{1:2}{3:4}'::journey.score_summary;
SELECT '{11:1}'::journey.score_summary;
SELECT '{99999999999999999999:1}'::journey.score_summary;
SELECT '{-1:1}'::journey.score_summary;
SELECT '{1:-1}'::journey.score_summary;
SELECT '{1:1,1:1}'::journey.score_summary;
SELECT '{1:99999999999999999999}'::journey.score_summary;
SELECT '{1:9223372036854775807,2:1}'::journey.score_summary;
SELECT '{0:1}/5'::journey.score_summary;
SELECT '{6:1}/5'::journey.score_summary;
SELECT '{1:1}/6'::journey.score_summary;
SELECT '{1:1}/0'::journey.score_summary;
SELECT '{1:1}/'::journey.score_summary;
SELECT '{1:1}/5x'::journey.score_summary;
SELECT '{1:1}/99999999999'::journey.score_summary;

-- corrupted binary values: a binary COPY file whose field holds the given
-- bytes, read into a score_summary column, must be rejected by recv
CREATE TABLE io_bad (s journey.score_summary);
-- a valid value for reference: {9:2} on no scale
SELECT try_recv('io_bad', decode('0100' || repeat('00', 72) || '0000000000000002' || repeat('00', 8), 'hex'));
SELECT s::text FROM io_bad;
SELECT label, try_recv('io_bad', b) AS result FROM (VALUES
  ('empty', '\x'::bytea),
  ('version 0', '\x0000' || decode(repeat('00', 88), 'hex')),
  ('version 2', '\x0200' || decode(repeat('00', 88), 'hex')),
  ('version 255', '\xff00' || decode(repeat('00', 88), 'hex')),
  ('one byte short', '\x0100' || decode(repeat('00', 87), 'hex')),
  ('one byte long', '\x0100' || decode(repeat('00', 89), 'hex')),
  ('only the version', '\x01'),
  ('scale 6', '\x0106' || decode(repeat('00', 88), 'hex')),
  ('scale 255', '\x01ff' || decode(repeat('00', 88), 'hex')),
  ('negative count', '\x0100' || decode('ffffffffffffffff' || repeat('00', 80), 'hex')),
  ('total overflow', '\x0100' || decode('7fffffffffffffff' || '0000000000000001' || repeat('00', 72), 'hex')),
  ('score 0 on scale 5', '\x0105' || decode('0000000000000001' || repeat('00', 80), 'hex')),
  ('score 10 on scale 7', '\x0107' || decode(repeat('00', 80) || '0000000000000001', 'hex'))
) t(label, b);
SELECT count(*) AS rows_loaded FROM io_bad;
