package io.tributary.application.factory;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a DataNet's licence allows a model trained on it to be used for. */
public final class Licences {

    private static final Pattern NON_COMMERCIAL =
            Pattern.compile("(^|[^a-z])nc([^a-z]|$)|non[- ]?commercial", Pattern.CASE_INSENSITIVE);

    private Licences() {}

    /** Whether the licence forbids commercial use: CC BY-NC (-SA, -ND) and licences that say "non-commercial". */
    public static boolean isNonCommercial(String licence) {
        return licence != null
                && NON_COMMERCIAL.matcher(licence.toLowerCase(Locale.ROOT)).find();
    }
}
