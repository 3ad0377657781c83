package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
    // Hardhat's dev account 0: a published key, worthless on any real chain.
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    @Test
    void aKeyControlsTheAddressItsPublicKeyHashesTo() {
        SigningKey key = SigningKey.ofHex(DEV_KEY);

        assertThat(key.address()).isEqualTo(EvmAddress.of(DEV_ADDRESS));
        assertThat(key.address().checksummed()).isEqualTo(DEV_ADDRESS);
        assertThat(SigningKey.ofHex(DEV_KEY.substring(2)).address()).isEqualTo(key.address());
    }

    @Test
    void leadingZerosMayBeLeftOut() {
        SigningKey one = SigningKey.ofHex("0x1");

        assertThat(SigningKey.ofHex("0x" + "0".repeat(63) + "1").address()).isEqualTo(one.address());
    }

    @Test
    void printingAKeyShowsOnlyItsAddress() {
        String text = SigningKey.ofHex(DEV_KEY).toString();

        assertThat(text).contains(DEV_ADDRESS.toLowerCase()).doesNotContain(DEV_KEY.substring(2));
    }

    @Test
    void numbersThatAreNoKeysAreRefusedWithoutEchoingThem() {
        BigInteger order = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

        assertThat(SigningKey.isValidPrivateKey(new byte[32])).isFalse();
        assertThat(SigningKey.isValidPrivateKey(new byte[31])).isFalse();
        assertThatThrownBy(() -> SigningKey.ofHex("0x" + order.toString(16)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.ofHex("0x" + "ab".repeat(31) + "zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abab");
        assertThatThrownBy(() -> SigningKey.ofHex("0x" + "1".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesRoundTripThroughTheirBytes() {
        EvmAddress address = EvmAddress.of(DEV_ADDRESS);

        assertThat(EvmAddress.of(address.toBytes())).isEqualTo(address);
        assertThatThrownBy(() -> EvmAddress.of(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    }
}
