/** The local stack of real services (embedded PostgreSQL, Keycloak, WildFly) for the run command and the tests. */
package io.tributary.devstack;
