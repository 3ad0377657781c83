package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void batchIdRoundTripsThroughItsUuid() {
        UUID uuid = UUID.randomUUID();
        Bytes32 id = Bytes32.fromUuid(uuid);

        assertThat(id.hex()).startsWith("0x" + "0".repeat(32)).hasSize(66);
        assertThat(id.toUuid()).isEqualTo(uuid);
        assertThat(Bytes32.of(id.toBytes())).isEqualTo(id);
    }

    @Test
    void wordsThatAreNotUuidsSaySo() {
        assertThatThrownBy(() -> Bytes32.keccakOf("x").toUuid()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addressesCompareCaseInsensitivelyAndRejectGarbage() {
        assertThat(EvmAddress.of("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
                .isEqualTo(EvmAddress.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
        assertThatThrownBy(() -> EvmAddress.of("0x1234")).isInstanceOf(IllegalArgumentException.class);
    }
}
