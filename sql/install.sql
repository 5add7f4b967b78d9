-- The extension installs (pg_regress --load-extension created it), and its
-- catalog follows the project rules.
SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'journey';

-- every function, aggregate, type, table and view of the extension has a comment
SELECT pg_describe_object(classid, objid, 0) AS uncommented
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')
  AND d.deptype = 'e'
  AND obj_description(objid, (SELECT relname FROM pg_class WHERE oid = classid)) IS NULL
  AND NOT (classid = 'pg_type'::regclass AND EXISTS (
        SELECT 1 FROM pg_type t WHERE t.oid = objid AND (t.typelem <> 0 AND t.typname LIKE '\_%' OR t.typrelid <> 0)))
ORDER BY 1;

-- every function is PARALLEL SAFE (none of ours writes)
SELECT p.oid::regprocedure AS not_parallel_safe
FROM pg_proc p
WHERE p.pronamespace = 'journey'::regnamespace AND p.proparallel <> 's'
ORDER BY 1;

-- every aggregate has a combine function and is parallel safe; states are
-- real types (so Citus can push the aggregates down) except window_funnel's,
-- a per-customer row list that is only worth combining inside one server
-- (checked below to have serial / deserial functions).  The score
-- aggregates have an exact moving (inverse) mode, the sketches and
-- retention do not (min, max and seen flags cannot be removed)
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggcombinefn <> 0 AS has_combine,
       a.aggminvtransfn <> 0 AS moving, a.aggtranstype::regtype AS state, p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'journey'::regnamespace
ORDER BY a.aggfnoid::regprocedure::text;

-- internal states travel between parallel workers: serial and deserial set
SELECT a.aggfnoid::regprocedure AS internal_state_without_serialization
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'journey'::regnamespace AND a.aggtranstype = 'internal'::regtype
  AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0)
ORDER BY 1;
