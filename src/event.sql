
-- ---------------------------------------------------------------------
-- Event model: score domains, the stage / emotion / channel vocabularies,
-- and the canonical journey.events table
-- ---------------------------------------------------------------------

-- Score domains.  They reject an impossible score when a row is stored, so
-- a typo never reaches an aggregate.  csat_score admits the widest common
-- scale (1..10); the CSAT aggregates check the scale they are given.

CREATE DOMAIN journey.nps_score AS integer
	CONSTRAINT nps_score_range CHECK (VALUE BETWEEN 0 AND 10);
CREATE DOMAIN journey.csat_score AS integer
	CONSTRAINT csat_score_range CHECK (VALUE BETWEEN 1 AND 10);
CREATE DOMAIN journey.ces_score AS integer
	CONSTRAINT ces_score_range CHECK (VALUE BETWEEN 1 AND 7);

COMMENT ON DOMAIN journey.nps_score IS 'Net Promoter Score answer 0..10 (detractors 0..6, passives 7..8, promoters 9..10)';
COMMENT ON DOMAIN journey.csat_score IS 'CSAT answer 1..10, covering the 1..5, 1..7 and 1..10 scales; the csat aggregates check the actual scale';
COMMENT ON DOMAIN journey.ces_score IS 'Customer Effort Score answer 1..7 (CES 2.0, 7 = strongly agree it was easy)';
COMMENT ON CONSTRAINT nps_score_range ON DOMAIN journey.nps_score IS 'an NPS answer is 0..10';
COMMENT ON CONSTRAINT csat_score_range ON DOMAIN journey.csat_score IS 'a CSAT answer is 1..10 (the widest supported scale)';
COMMENT ON CONSTRAINT ces_score_range ON DOMAIN journey.ces_score IS 'a CES 2.0 answer is 1..7';

-- Configuration tables.  Each ships with built-in rows (builtin = true)
-- that CREATE EXTENSION creates; users add their own rows (builtin =
-- false, the default).  pg_dump dumps only the rows WHERE NOT builtin: the
-- built-in ones are re-created by CREATE EXTENSION on restore, and dumping
-- them too would make the restore fail on duplicate keys.  It follows that
-- edits to or deletions of built-in rows are not kept by pg_dump, and that
-- a user row marked builtin = true is not dumped either: add a new row
-- instead of changing a built-in one.

CREATE TABLE journey.stages (
	stage text PRIMARY KEY,
	position integer NOT NULL UNIQUE,
	description text,
	builtin boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE journey.stages IS 'customer-journey stages in journey order; user rows are kept by pg_dump, edits to built-in rows are not';
COMMENT ON COLUMN journey.stages.stage IS 'stage name, as stored in journey.events.stage';
COMMENT ON COLUMN journey.stages.position IS 'order of the stage in the journey (lower comes first); unique';
COMMENT ON COLUMN journey.stages.description IS 'what the customer does in this stage';
COMMENT ON COLUMN journey.stages.builtin IS 'true for rows shipped with journey (re-created by CREATE EXTENSION, not dumped); false for user rows (dumped)';
COMMENT ON INDEX journey.stages_pkey IS 'one row per stage name';
COMMENT ON INDEX journey.stages_position_key IS 'one stage per journey position';

INSERT INTO journey.stages (stage, position, description, builtin) VALUES
	('awareness', 1, 'the customer learns that the brand or product exists: advertising, search, word of mouth', true),
	('consideration', 2, 'the customer researches and compares: product pages, reviews, product finding', true),
	('purchase', 3, 'the customer buys: basket, checkout, payment', true),
	('delivery', 4, 'delivery and service: shipping, installation, onboarding, support', true),
	('loyalty', 5, 'post-purchase, loyalty and advocacy: follow-up, repeat purchase, referral', true);

SELECT pg_catalog.pg_extension_config_dump('journey.stages', 'WHERE NOT builtin');

CREATE TABLE journey.emotions (
	emotion text PRIMARY KEY,
	valence text NOT NULL CHECK (valence IN ('negative', 'neutral', 'positive')),
	description text,
	builtin boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE journey.emotions IS 'emotions recorded at touchpoints, with their valence; user rows are kept by pg_dump, edits to built-in rows are not';
COMMENT ON COLUMN journey.emotions.emotion IS 'emotion name, as stored in journey.events.emotion';
COMMENT ON COLUMN journey.emotions.valence IS 'negative, neutral or positive';
COMMENT ON COLUMN journey.emotions.description IS 'when a customer feels this';
COMMENT ON COLUMN journey.emotions.builtin IS 'true for rows shipped with journey (re-created by CREATE EXTENSION, not dumped); false for user rows (dumped)';
COMMENT ON INDEX journey.emotions_pkey IS 'one row per emotion name';

INSERT INTO journey.emotions (emotion, valence, description, builtin) VALUES
	('frustration', 'negative', 'blocked from a goal: errors, dead ends, repeated steps', true),
	('anxiety', 'negative', 'worried about an uncertain outcome: payment, delivery, data', true),
	('fear', 'negative', 'expects harm or loss: security, fraud, irreversible choices', true),
	('anger', 'negative', 'feels wronged: broken promises, unfair treatment', true),
	('confusion', 'negative', 'does not understand what to do or what happened', true),
	('disappointment', 'negative', 'the experience fell short of expectations', true),
	('surprise', 'neutral', 'something unexpected happened, for better or worse', true),
	('curiosity', 'neutral', 'wants to find out more', true),
	('indifference', 'neutral', 'no strong feeling either way', true),
	('anticipation', 'positive', 'looks forward to what comes next', true),
	('excitement', 'positive', 'eager and energised', true),
	('joy', 'positive', 'pleased and happy', true),
	('gratitude', 'positive', 'thankful for help or care received', true),
	('trust', 'positive', 'confident that the brand will deliver', true),
	('relief', 'positive', 'a worry or problem went away', true),
	('delight', 'positive', 'the experience exceeded expectations', true);

SELECT pg_catalog.pg_extension_config_dump('journey.emotions', 'WHERE NOT builtin');

CREATE TABLE journey.channels (
	channel text PRIMARY KEY,
	kind text,
	description text,
	builtin boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE journey.channels IS 'channels over which customers meet the brand; user rows are kept by pg_dump, edits to built-in rows are not';
COMMENT ON COLUMN journey.channels.channel IS 'channel name, as stored in journey.events.channel';
COMMENT ON COLUMN journey.channels.kind IS 'kind of channel: digital (self-service, automated), assisted (a person helps) or physical (on site); free text for user rows';
COMMENT ON COLUMN journey.channels.description IS 'what the channel covers';
COMMENT ON COLUMN journey.channels.builtin IS 'true for rows shipped with journey (re-created by CREATE EXTENSION, not dumped); false for user rows (dumped)';
COMMENT ON INDEX journey.channels_pkey IS 'one row per channel name';

INSERT INTO journey.channels (channel, kind, description, builtin) VALUES
	('web', 'digital', 'website, desktop or mobile browser', true),
	('mobile', 'digital', 'native mobile app', true),
	('email', 'digital', 'email, outbound and replies', true),
	('social', 'digital', 'social media: posts, comments, direct messages', true),
	('chatbot', 'digital', 'automated chat assistant', true),
	('call_centre', 'assisted', 'phone or live chat with an agent', true),
	('ivr', 'digital', 'interactive voice response: the automated phone menu', true),
	('store', 'physical', 'physical store or branch', true);

SELECT pg_catalog.pg_extension_config_dump('journey.channels', 'WHERE NOT builtin');

-- The canonical event table.  No foreign keys: a COPY of millions of rows
-- must not probe three other tables per row, and an event whose stage,
-- channel or emotion is not (yet) configured is still worth keeping.  The
-- values join to the configuration tables by name.

CREATE TABLE journey.events (
	event_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	customer_id text NOT NULL,
	occurred_at timestamptz NOT NULL,
	touchpoint text,
	stage text,
	channel text,
	event_type text,
	nps journey.nps_score,
	csat journey.csat_score,
	ces journey.ces_score,
	emotion text,
	value numeric,
	session_id text,
	feedback text,
	properties jsonb
);

COMMENT ON TABLE journey.events IS 'journey events: one row per thing a customer did or experienced; no foreign keys for bulk-load (COPY) speed, stage/channel/emotion join to journey.stages/channels/emotions; all rows are kept by pg_dump';
COMMENT ON COLUMN journey.events.event_id IS 'event identifier, generated unless given (identity BY DEFAULT, so loads may bring their own ids)';
COMMENT ON COLUMN journey.events.customer_id IS 'who: the customer (or anonymous visitor) identifier';
COMMENT ON COLUMN journey.events.occurred_at IS 'when the event happened';
COMMENT ON COLUMN journey.events.touchpoint IS 'where: the touchpoint, e.g. product finding, checkout, delivery, support call';
COMMENT ON COLUMN journey.events.stage IS 'journey stage, joins to journey.stages.stage';
COMMENT ON COLUMN journey.events.channel IS 'channel, joins to journey.channels.channel';
COMMENT ON COLUMN journey.events.event_type IS 'what happened, e.g. page_view, add_to_cart, order, survey_response, call';
COMMENT ON COLUMN journey.events.nps IS 'NPS survey answer 0..10, NULL when not asked';
COMMENT ON COLUMN journey.events.csat IS 'CSAT survey answer 1..10 on the survey''s scale, NULL when not asked';
COMMENT ON COLUMN journey.events.ces IS 'CES 2.0 survey answer 1..7, NULL when not asked';
COMMENT ON COLUMN journey.events.emotion IS 'emotion felt, joins to journey.emotions.emotion';
COMMENT ON COLUMN journey.events.value IS 'monetary or other numeric value of the event, e.g. order amount';
COMMENT ON COLUMN journey.events.session_id IS 'session identifier from the source, if any';
COMMENT ON COLUMN journey.events.feedback IS 'free-text feedback (verbatim)';
COMMENT ON COLUMN journey.events.properties IS 'any other attributes of the event, as a JSON object';
COMMENT ON INDEX journey.events_pkey IS 'one row per event_id';

-- BRIN on occurred_at: events arrive roughly in time order, so a few
-- kilobytes of block ranges prune time-range scans; autosummarize keeps
-- newly loaded ranges summarised without a manual brin_summarize_new_values.
CREATE INDEX events_occurred_at_brin ON journey.events USING brin (occurred_at)
	WITH (autosummarize = on);
CREATE INDEX events_customer_id_occurred_at_idx ON journey.events (customer_id, occurred_at);

COMMENT ON INDEX journey.events_occurred_at_brin IS 'BRIN on occurred_at for time-range scans of append-mostly events';
COMMENT ON INDEX journey.events_customer_id_occurred_at_idx IS 'each customer''s events in time order (funnels, sessions, paths)';

-- journey.events and its identity sequence are extension members, so
-- pg_dump would dump neither their rows nor the sequence position unless
-- registered here.  The sequence name is looked up rather than assumed.
SELECT pg_catalog.pg_extension_config_dump('journey.events', '');

DO $$
DECLARE
	seq text := pg_catalog.pg_get_serial_sequence('journey.events', 'event_id');
BEGIN
	PERFORM pg_catalog.pg_extension_config_dump(seq::pg_catalog.regclass, '');
	EXECUTE pg_catalog.format('COMMENT ON SEQUENCE %s IS %L', seq,
		'identity of journey.events.event_id; its position is kept by pg_dump');
END
$$;
