-- journey: customer-journey and customer-experience analytics.
-- This file is generated from src/*.sql by the Makefile; edit the fragments.

\echo Use "CREATE EXTENSION journey" to load this file. \quit

-- Refuse servers with CVE-2023-39417 (extension script search_path
-- injection, fixed in 15.4) and a journey schema owned by someone other
-- than the extension's installer: objects planted there could capture
-- names used by this script.
DO $$
BEGIN
	IF pg_catalog.current_setting('server_version_num')::int < 150004 THEN
		RAISE EXCEPTION 'journey requires PostgreSQL 15.4 or later'
			USING DETAIL = pg_catalog.format('This server is %s.', pg_catalog.current_setting('server_version')),
			      HINT = 'Upgrade PostgreSQL to a current minor release.';
	END IF;
	IF (SELECT n.nspowner OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER)
	      FROM pg_catalog.pg_namespace n WHERE n.nspname = 'journey') THEN
		RAISE EXCEPTION 'schema "journey" is owned by another role'
			USING DETAIL = 'journey installs into its own schema and refuses one that another role could have prepared.',
			      HINT = 'Drop the schema or install journey as its owner.';
	END IF;
END
$$;

COMMENT ON SCHEMA journey IS 'journey: customer-journey and CX analytics (events, survey metrics, funnels, sketches)';
