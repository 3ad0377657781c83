package io.tributary.application.rewards.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SealedKeyTest {

    private static final String ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] ciphertext = {1, 2, 3};
        SealedKey sealed = sealed(ciphertext, new byte[12]);

        ciphertext[0] = 9;
        sealed.encryptedPrivateKey()[1] = 9;

        assertThat(sealed.encryptedPrivateKey()).containsExactly(1, 2, 3);
    }

    @Test
    void equalityComparesContent() {
        assertThat(sealed(new byte[] {1}, new byte[12]))
                .isEqualTo(sealed(new byte[] {1}, new byte[12]))
                .hasSameHashCodeAs(sealed(new byte[] {1}, new byte[12]))
                .isNotEqualTo(sealed(new byte[] {2}, new byte[12]));
    }

    @Test
    void toStringNamesTheWalletButNoBytes() {
        SealedKey sealed = sealed(new byte[] {(byte) 0xAB, (byte) 0xCD}, new byte[12]);

        assertThat(sealed.toString())
                .contains(sealed.walletId().toString(), ADDRESS, "master-1")
                .doesNotContain("[B@", "abcd", "ABCD", "q80"); // q80 is "ABCD" bytes in base64
    }

    @Test
    void malformedRecordsAreRejected() {
        assertThatThrownBy(() -> sealed(new byte[1], new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataKeyNonce must be 12 bytes, was 8");
        assertThatThrownBy(() -> new SealedKey(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "0x1234",
                        SealedKey.ALGORITHM_V1,
                        "m",
                        new byte[12],
                        new byte[1],
                        new byte[12],
                        new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SealedKey sealed(byte[] ciphertext, byte[] nonce) {
        return new SealedKey(
                UUID.fromString("11111111-1111-1111-1111-111111111111"),
                UUID.fromString("22222222-2222-2222-2222-222222222222"),
                ADDRESS,
                SealedKey.ALGORITHM_V1,
                "master-1",
                nonce,
                new byte[48],
                new byte[12],
                ciphertext);
    }
}
