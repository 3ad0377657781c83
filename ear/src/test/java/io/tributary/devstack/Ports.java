package io.tributary.devstack;

/**
 * Where one stack listens; the run command and the tests use different ports so both can run at once.
 *
 * @param wildflyOffset WildFly's jboss.socket.binding.port-offset (HTTP 8080 + offset, management 9990 + offset)
 */
public record Ports(int postgres, int keycloak, int wildflyOffset) {

    public static final Ports RUN = new Ports(15432, 8180, 0);
    public static final Ports TEST = new Ports(25432, 9180, 1000);

    public int http() {
        return 8080 + wildflyOffset;
    }

    public int management() {
        return 9990 + wildflyOffset;
    }

    /** The mail catcher's SMTP port. */
    public int smtp() {
        return 2525 + wildflyOffset;
    }

    public String appUrl() {
        return "http://localhost:" + http();
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloak;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres + "/" + database;
    }
}
