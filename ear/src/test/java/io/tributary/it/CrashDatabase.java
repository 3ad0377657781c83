package io.tributary.it;

import io.tributary.devstack.DevStack;
import io.tributary.devstack.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

/** A crash test's own database on the test PostgreSQL, which its second server uses and the test reads back. */
record CrashDatabase(Ports ports, String name) {

    void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(ports.jdbcUrl("postgres"), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name);
            st.execute("create database " + name + " owner " + DevStack.DB_USER);
        }
    }

    /** The first column of the first row, or null when there is none or the database does not answer (yet). */
    String query(String sql) {
        try (Connection c = DriverManager.getConnection(ports.jdbcUrl(name), DevStack.DB_USER, DevStack.DB_PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
