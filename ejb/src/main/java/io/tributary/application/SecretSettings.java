package io.tributary.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Refuses to start outside the dev profile while a secret setting is missing, naming each one in the log, instead of
 * running with the published dev secrets.
 */
@Singleton
@Startup
public class SecretSettings {

    private static final Logger LOG = Logger.getLogger(SecretSettings.class.getName());

    @PostConstruct
    void check() {
        List<Settings> missing = Settings.missingSecrets();
        if (!missing.isEmpty()) {
            String why = missing.stream().map(Settings::missing).collect(Collectors.joining(" "));
            LOG.severe(why);
            throw new IllegalStateException(why);
        }
    }
}
