package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The receipt leaf encoding (tributary.attribution-receipt.v1), checked against values computed outside Java. */
class ReceiptLeafTest {

    static final ReceiptLeaf EXAMPLE = new ReceiptLeaf(
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"),
            Bytes32.of("0x0293cd33254fc2f933644761d456c3684ee176abb9d783e6730031bfdaba8732"),
            Bytes32.of("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            Bytes32.of("0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
            new BigInteger("1234567890123456789000"));

    @Test
    void leafMatchesTheDocumentedExample() {
        // docs/attribution.md's example; expected values from node with ethereum-cryptography's keccak256 over the
        // six ABI words, hashed twice.
        assertThat(EXAMPLE.leafValues().get(5).hex())
                .isEqualTo("0x000000000000000000000000000000000000000000000042ed123b0bd8203a08");
        assertThat(EXAMPLE.leaf().hex())
                .isEqualTo("0x093882b02d4133f798e0dad03bd29a818899d57c034f7d7597c75293a37107fe");
    }

    @Test
    void everyValueChangesTheLeaf() {
        ReceiptLeaf cheaper = new ReceiptLeaf(
                EXAMPLE.receiptId(),
                EXAMPLE.modelVersionId(),
                EXAMPLE.promptSha256(),
                EXAMPLE.outputSha256(),
                EXAMPLE.contentSha256(),
                EXAMPLE.charge().subtract(BigInteger.ONE));
        assertThat(cheaper.leaf()).isNotEqualTo(EXAMPLE.leaf());
        assertThat(ReceiptLeaf.LEAF_TYPES).containsOnly("bytes32").hasSize(6);
        MerkleTree tree = MerkleTree.of(List.of(EXAMPLE.leaf(), cheaper.leaf()));
        assertThat(MerkleTree.verify(EXAMPLE.leaf(), tree.proof(EXAMPLE.leaf()), tree.root()))
                .isTrue();
    }

    @Test
    void aChargeOutsideUint256IsRefused() {
        assertThatThrownBy(() -> new ReceiptLeaf(
                        EXAMPLE.receiptId(),
                        EXAMPLE.modelVersionId(),
                        EXAMPLE.promptSha256(),
                        EXAMPLE.outputSha256(),
                        EXAMPLE.contentSha256(),
                        BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
