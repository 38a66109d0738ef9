-- One service's schema under least privilege (docs/decisions/0012, 0021). Run by a superuser in the service's
-- database, idempotent. Placeholders, replaced by `platform` and by tests/FunctionalTests/Security/SchemaOwnerTests:
--   {{schema}}  the service's schema            {{owner}}  the role that owns it and changes it (the schema run)
--   {{rows}}    the role the service runs as: it reads and writes rows, and changes no schema object
-- Both roles exist already (LOGIN, no superuser, no createdb, no createrole).
GRANT CONNECT, TEMPORARY ON DATABASE "{{database}}" TO "{{owner}}", "{{rows}}";
CREATE SCHEMA IF NOT EXISTS "{{schema}}" AUTHORIZATION "{{owner}}";
ALTER SCHEMA "{{schema}}" OWNER TO "{{owner}}";
REVOKE ALL ON SCHEMA "{{schema}}" FROM PUBLIC;
REVOKE CREATE ON SCHEMA "{{schema}}" FROM "{{rows}}";
GRANT USAGE ON SCHEMA "{{schema}}" TO "{{rows}}";

-- Whatever an earlier run made as another role (the superuser, or the service's role before the split) passes to the owner.
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT c.oid::regclass AS id, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = '{{schema}}' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c') AND c.relowner <> '{{owner}}'::regrole
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
      WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, item.id, '{{owner}}');
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS id, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = '{{schema}}' AND p.proowner <> '{{owner}}'::regrole
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
      item.id, '{{owner}}');
  END LOOP;
  FOR item IN SELECT t.oid::regtype AS id FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = '{{schema}}' AND t.typtype IN ('e', 'd', 'r', 'm') AND t.typowner <> '{{owner}}'::regrole
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', item.id, '{{owner}}');
  END LOOP;
  FOR item IN SELECT c.oid::regconfig AS id FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
      WHERE n.nspname = '{{schema}}' AND c.cfgowner <> '{{owner}}'::regrole
  LOOP
    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %s OWNER TO %I', item.id, '{{owner}}');
  END LOOP;
END $$;

-- Rows, not structure: what exists now, and what the owner makes later.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{{schema}}" TO "{{rows}}";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "{{schema}}" TO "{{rows}}";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA "{{schema}}" TO "{{rows}}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{{owner}}" IN SCHEMA "{{schema}}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{{rows}}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{{owner}}" IN SCHEMA "{{schema}}" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "{{rows}}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{{owner}}" IN SCHEMA "{{schema}}" GRANT EXECUTE ON FUNCTIONS TO "{{rows}}";
