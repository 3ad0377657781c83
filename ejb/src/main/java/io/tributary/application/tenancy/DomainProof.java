package io.tributary.application.tenancy;

import io.tributary.application.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.NioClient;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads the DNS TXT record that proves a tenant holds a domain, through the resolver named by {@link
 * Settings#DNS_SERVER} (the system's when empty), without caching, so a "check now" sees the record as published.
 */
@ApplicationScoped
public class DomainProof {

    static {
        // dnsjava's selector thread would otherwise close itself in a JVM shutdown hook, after the deployment (and its
        // classes) are gone; the bean closes it when the application stops instead.
        System.setProperty("dnsjava.nio.register_shutdown_hook", "false");
    }

    @PreDestroy
    void close() {
        NioClient.close();
    }

    /** Whether {@code recordName} has a TXT record whose text is exactly {@code expected}. */
    public boolean published(String recordName, String expected) {
        try {
            Lookup lookup = new Lookup(Name.fromString(recordName, Name.root), Type.TXT);
            lookup.setResolver(resolver());
            lookup.setCache(null);
            Record[] records = lookup.run();
            return records != null
                    && Arrays.stream(records)
                            .filter(TXTRecord.class::isInstance)
                            .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                            .anyMatch(expected::equals);
        } catch (TextParseException e) {
            return false;
        }
    }

    private static Resolver resolver() {
        String server = Settings.DNS_SERVER.value().strip();
        Resolver resolver;
        if (server.isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            int colon = server.lastIndexOf(':');
            String host = colon > 0 ? server.substring(0, colon) : server;
            int port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : 53;
            resolver = new SimpleResolver(new InetSocketAddress(host, port));
        }
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }
}
