package io.tributary.devstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks say about the machine they ran on: cores, OS, memory, CPU, Java and its load. */
final class MachineFacts {

    private MachineFacts() {}

    /** Cores, OS, memory, CPU model and Java version, into a benchmark's {@code machine} node. */
    static ObjectNode describe(ObjectNode node) {
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("os", read("/etc/os-release", "PRETTY_NAME=").replace("\"", ""));
        node.put("memory", read("/proc/meminfo", "MemTotal:"));
        node.put("cpu", read("/proc/cpuinfo", "model name").replaceFirst("^\\s*:\\s*", ""));
        node.put("java", System.getProperty("java.version"));
        return node;
    }

    /** The load average line of {@code /proc/loadavg}. */
    static String loadAverage() {
        return read("/proc/loadavg", "");
    }

    /** The rest of the first line of a file that starts with the prefix, stripped; empty when there is none. */
    static String read(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .findFirst()
                    .orElse("")
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }
}
