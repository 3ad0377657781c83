package io.tributary.web.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GET that spends the caller's credits or the platform's compute (a chat streamed to an {@code EventSource}, which
 * can only GET): a browser's session may call it from Tributary's own pages only ({@link SpendingReadGuard}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SpendingRead {}
