package io.tributary.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.persistence.tenancy.Role;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void keysAreScopedToTheirCaller() {
        UUID member = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        Actor inPerson = new Actor(TENANT, member, "olivia@acme.test", Set.of(Role.ORG_ADMIN));
        Actor throughToken = new Actor(TENANT, member, "olivia@acme.test", Set.of(Role.ORG_ADMIN), key, member);
        Actor serviceKey = new Actor(TENANT, null, "api-key:ci", Set.of(Role.ORG_ADMIN), key, member);
        IdempotencyKey k = new IdempotencyKey(" retry-1 ", "f");
        assertThat(k.key()).isEqualTo("retry-1");
        assertThat(k.scopedTo(inPerson)).isEqualTo(k.scopedTo(throughToken));
        assertThat(k.scopedTo(serviceKey)).isNotEqualTo(k.scopedTo(inPerson)).contains(key.toString());
        assertThat(serviceKey.accountableMember()).isEqualTo(member);
        assertThat(inPerson.accountableMember()).isEqualTo(member);
    }

    @Test
    void aReplayAnswersTheSameRequestOnlyAndOddKeysAreRefused() {
        IdempotencyKey k = new IdempotencyKey("k", "fingerprint-a");
        assertThat(k.replay("first result", "fingerprint-a")).isEqualTo("first result");
        assertThatThrownBy(() -> k.replay("first result", "fingerprint-b"))
                .isInstanceOf(IdempotencyMismatch.class)
                .hasMessageContaining("different request");
        assertThat(IdempotencyKey.of("  ", "f")).isEmpty();
        assertThatThrownBy(() -> new IdempotencyKey("x".repeat(201), "f")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new IdempotencyKey("a\nb", "f")).isInstanceOf(InvalidInput.class);
    }
}
