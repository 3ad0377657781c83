package io.tributary.application.tenancy;

import io.tributary.application.InvalidInput;
import io.tributary.application.Settings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which identity-provider URLs the server (and Keycloak, on its behalf) may call: https to public addresses only, after
 * DNS resolution, so an org admin cannot point the server at its own network. Exact origins in {@link
 * Settings#SSO_ALLOWED_ORIGINS} are exempt (the dev stack's loopback Keycloak).
 */
final class ProviderAddress {

    private static final String REFUSED =
            "Tributary reads OpenID discovery documents only over https from public addresses.";

    private ProviderAddress() {}

    static void check(String field, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, REFUSED);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidInput(field, REFUSED);
        }
        if (allowed().contains(origin(scheme, host, uri.getPort()))) {
            return;
        }
        if (!scheme.equals("https")) {
            throw new InvalidInput(field, REFUSED);
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            if (addresses.length == 0 || Arrays.stream(addresses).anyMatch(ProviderAddress::internal)) {
                throw new InvalidInput(field, REFUSED);
            }
        } catch (UnknownHostException e) {
            throw new InvalidInput(field, "Could not read an OpenID discovery document from that issuer.");
        }
    }

    /** Loopback, private, link-local (cloud metadata), carrier-grade NAT, unique-local, multicast or unspecified. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second & 0xfe) == 18);
    }

    private static Set<String> allowed() {
        return Arrays.stream(Settings.SSO_ALLOWED_ORIGINS.value().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    URI u = URI.create(s);
                    return origin(u.getScheme().toLowerCase(Locale.ROOT), u.getHost(), u.getPort());
                })
                .collect(Collectors.toSet());
    }

    private static String origin(String scheme, String host, int port) {
        int effective = port != -1 ? port : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + effective;
    }
}
