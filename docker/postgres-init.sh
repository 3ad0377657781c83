#!/bin/sh
# Runs once, when the PostgreSQL volume is new. Keycloak keeps its data in its own database; Tributary's schema is
# owned by the server's owner role (Flyway migrates as it), and the application connects as tributary_app, which
# Tributary grants row access only at start: it can neither create, alter nor drop tables.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$TRIBUTARY_DB_APP_PASSWORD" <<'SQL'
create database keycloak owner tributary;
create role tributary_app login password :'app_password';
revoke create on schema public from public;
SQL
