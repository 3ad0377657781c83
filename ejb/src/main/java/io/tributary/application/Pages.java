package io.tributary.application;

import java.util.UUID;

/**
 * Where the pages are, in one place: links the application hands out (notifications, e-mails) and the web module's
 * navigation use these view paths, relative to the application's root, so a page that moves changes here only.
 */
public final class Pages {

    private Pages() {}

    public static String dataNets() {
        return "/datanets/index.xhtml";
    }

    public static String dataNet(UUID dataNetId) {
        return "/datanets/datanet.xhtml?id=" + dataNetId;
    }

    public static String reviewQueue(UUID dataNetId) {
        return "/datanets/review.xhtml?id=" + dataNetId;
    }

    public static String myContributions() {
        return "/datanets/mine.xhtml";
    }
}
