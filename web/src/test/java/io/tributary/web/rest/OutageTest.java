package io.tributary.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.Conflict;
import io.tributary.application.rewards.custody.KeyUnavailable;
import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Custody and chain failures reach people in fixed words, however deeply the EJB container wrapped them. */
class OutageTest {

    @Test
    void custodyFailuresAreUnavailableWithoutTheirMessage() {
        var failure = new EJBTransactionRolledbackException(
                "rolled back", new EJBException(new KeyUnavailable("No master key in /opt/secret/custody.cs")));

        assertThat(Outage.of(failure)).contains(Outage.CUSTODY);
        assertThat(Outage.CUSTODY.status()).isEqualTo(503);
        assertThat(Outage.CUSTODY.message()).isEqualTo("Custody is unavailable; no key was used.");
    }

    @Test
    void chainFailuresAreUnavailableOrBadGateway() {
        assertThat(Outage.of(new EJBException(
                        new ChainUnavailableException("http://node:8545 refused", new IOException("refused")))))
                .contains(Outage.CHAIN_UNAVAILABLE);
        assertThat(Outage.of(new ChainRequestException("execution reverted"))).contains(Outage.CHAIN_REFUSED);
        assertThat(Outage.CHAIN_REFUSED.status()).isEqualTo(502);
    }

    @Test
    void otherFailuresAreNoOutage() {
        assertThat(Outage.of(new EJBException(new IllegalStateException("bug"))))
                .isEmpty();
        assertThat(Outage.of(new Conflict("duplicate"))).isEmpty();
    }

    @Test
    void unwrapsNestedContainerExceptions() {
        Conflict conflict = new Conflict("frozen");
        var failure = new EJBTransactionRolledbackException("outer", new EJBException(conflict));

        assertThat(ProblemMapper.unwrap(failure)).isSameAs(conflict);
        assertThat(ProblemMapper.unwrap(conflict)).isSameAs(conflict);
        assertThat(ProblemMapper.statusOf(ProblemMapper.unwrap(failure))).isEqualTo(409);
    }
}
