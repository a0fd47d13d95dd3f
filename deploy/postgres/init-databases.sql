-- One database per Kyodo service (database-per-service; each service runs its
-- own EF Core migrations into its database on start-up, see
-- Database__MigrateOnStartup).
--
-- The postgres image runs this once, from /docker-entrypoint-initdb.d, and only
-- when the data directory is empty; it runs as POSTGRES_USER, who therefore owns
-- the databases. It is idempotent (\gexec only creates what is missing), so it
-- can also be run by hand against an existing server:
--   psql -h HOST -U USER -d postgres -f deploy/postgres/init-databases.sql
--
-- This file exists twice and the copies must stay identical:
-- deploy/postgres/init-databases.sql (docker compose) and
-- k8s/overlays/dev/postgres-init-databases.sql (kustomize cannot read files
-- outside the kustomization's directory).

SELECT format('CREATE DATABASE %I', name)
FROM unnest(ARRAY['kyodo_plan', 'kyodo_budget', 'kyodo_subsidy', 'kyodo_reporting']) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = name)
\gexec
