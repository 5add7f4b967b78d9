
-- ---------------------------------------------------------------------
-- Sessionisation
-- ---------------------------------------------------------------------

CREATE FUNCTION journey.session_number(ts timestamptz, timeout interval) RETURNS bigint
	AS 'MODULE_PATHNAME', 'session_number' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.session_number(ts timestamptz, timeout interval, max_length interval) RETURNS bigint
	AS 'MODULE_PATHNAME', 'session_number' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.session_number(ts timestamp, timeout interval) RETURNS bigint
	AS 'MODULE_PATHNAME', 'session_number' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.session_number(ts timestamp, timeout interval, max_length interval) RETURNS bigint
	AS 'MODULE_PATHNAME', 'session_number' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION journey.session_number(timestamptz, interval) IS 'window function: 1-based session number of the row, a new session after a gap longer than timeout; use OVER (PARTITION BY customer ORDER BY ts)';
COMMENT ON FUNCTION journey.session_number(timestamptz, interval, interval) IS 'window function: 1-based session number, a new session after a gap longer than timeout or when the session would last longer than max_length (NULL: no maximum)';
COMMENT ON FUNCTION journey.session_number(timestamp, interval) IS 'window function: 1-based session number of the row, a new session after a gap longer than timeout; use OVER (PARTITION BY customer ORDER BY ts)';
COMMENT ON FUNCTION journey.session_number(timestamp, interval, interval) IS 'window function: 1-based session number, a new session after a gap longer than timeout or when the session would last longer than max_length (NULL: no maximum)';
