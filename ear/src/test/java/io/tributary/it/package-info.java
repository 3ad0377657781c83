/** Integration and browser tests against the real WildFly, PostgreSQL and Keycloak (Ports.TEST). */
package io.tributary.it;
