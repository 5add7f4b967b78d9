
-- ---------------------------------------------------------------------
-- Retention (ClickHouse retention semantics)
-- ---------------------------------------------------------------------

CREATE FUNCTION journey.retention_trans(bigint, bool[]) RETURNS bigint
	AS 'MODULE_PATHNAME', 'retention_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.retention_combine(bigint, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'retention_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.retention_final(bigint) RETURNS bool[]
	AS 'MODULE_PATHNAME', 'retention_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey.retention_trans(bigint, bool[]) IS 'transition function of retention: records which conditions were true (state: seen bits, and the number of conditions in bits 32..39)';
COMMENT ON FUNCTION journey.retention_combine(bigint, bigint) IS 'combine function of retention: the union of two partial states';
COMMENT ON FUNCTION journey.retention_final(bigint) IS 'final function of retention: r[1] = c1 seen, r[i] = c1 and ci seen';

CREATE AGGREGATE journey.retention(VARIADIC bool[]) (
	SFUNC = journey.retention_trans, STYPE = bigint,
	FINALFUNC = journey.retention_final, COMBINEFUNC = journey.retention_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE journey.retention(VARIADIC bool[]) IS 'ClickHouse retention: r[1] = condition 1 true on some row, r[i] = r[1] and condition i true on some row; 2..32 conditions, NULL = false, empty group gives NULL';
