-- Keycloak keeps its data in its own database on the same server.
create database keycloak owner tributary;
