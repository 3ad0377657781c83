package io.tributary.web.shell;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Words people read instead of constants, from {@code io/tributary/web/labels.properties}: {@code
 * #{labels.label(c.status())}} looks up {@code ContributionStatus.IN_REVIEW}; {@code #{labels.text('key')}} any other
 * key. A constant without a label still reads as words ("In review"), never as {@code IN_REVIEW}.
 */
@Named
@ApplicationScoped
public class Labels {

    static final String BUNDLE = "io.tributary.web.labels";

    private final ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH);

    /** The label of an enum constant, under {@code SimpleTypeName.CONSTANT}. */
    public String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        return named(value.getDeclaringClass().getSimpleName(), value.name());
    }

    /** The label of a constant held as text (e.g. in a view record), under {@code type.CONSTANT}. */
    public String named(String type, String constant) {
        if (constant == null || constant.isBlank()) {
            return "";
        }
        String key = type + "." + constant;
        return bundle.containsKey(key) ? bundle.getString(key) : words(constant);
    }

    /** Any other text of the bundle; a missing key shows itself so it is noticed, not a blank. */
    public String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** {@code PAYOUT_BATCH} as "Payout batch". */
    static String words(String constant) {
        String spaced = constant.replace('_', ' ').strip().toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
