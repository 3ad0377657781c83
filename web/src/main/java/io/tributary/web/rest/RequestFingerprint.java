package io.tributary.web.rest;

import io.tributary.application.IdempotencyKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints every request that carries an {@code Idempotency-Key}: a SHA-256 over its method, path and a SHA-256
 * of its body, so a key repeated with a different request can be told apart from a retry. Only small bodies (JSON
 * requests) are read; the body is handed on unchanged.
 */
@Provider
public class RequestFingerprint implements ContainerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final String PROPERTY = "tributary.request-fingerprint";
    private static final int MAX_BODY = 1 << 20;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getHeaderString(HEADER) == null) return;
        byte[] body = new byte[0];
        MediaType type = request.getMediaType();
        if (request.hasEntity() && (type == null || !MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(type))) {
            try (InputStream in = request.getEntityStream()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new io.tributary.application.InvalidInput(
                        "body", "A request with an Idempotency-Key carries at most 1 MiB.");
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        String path = "/" + request.getUriInfo().getPath(true).replaceFirst("^/+", "");
        // In a servlet container the request's properties are its attributes, which resources read below.
        request.setProperty(PROPERTY, sha256(request.getMethod() + "\n" + path + "\n" + sha256(body)));
    }

    /** The idempotency key of this request, with its fingerprint; null when the client sent none. */
    public static IdempotencyKey of(HttpServletRequest request) {
        Object fingerprint = request.getAttribute(PROPERTY);
        return IdempotencyKey.of(request.getHeader(HEADER), fingerprint == null ? "" : fingerprint.toString())
                .orElse(null);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
