package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class MerkleTreeTest {
    /**
     * {@code test/dumps/standard-v1.sorted.1_0_6.json} of OpenZeppelin/merkle-tree: {@code StandardMerkleTree.of}
     * over the strings "a" to "f" with leaf encoding {@code ["string"]}, sorted leaves.
     */
    private static final List<String> OPENZEPPELIN_TREE = List.of(
            "0x6deb52b5da8fd108f79fab00341f38d2587896634c646ee52e49f845680a70c8",
            "0x52426e0f1f65ff7e209a13b8c29cffe82e3acaf3dad0a9b9088f3b9a61a929c3",
            "0xfd3cf45654e88d1cc5d663578c82c76f4b5e3826bacaa1216441443504538f51",
            "0x8076923e76cf01a7c048400a2304c9a9c23bbbdac3a98ea3946340fdafbba34f",
            "0x965b92c6cf08303cc4feb7f3e0819c436c2cec17c6f0688a6af139c9a368707c",
            "0xeba909cf4bb90c6922771d7f126ad0fd11dfde93f3937a196274e1ac20fd2f5b",
            "0xc62a8cfa41edc0ef6f6ae27a2985b7d39c7fea770787d7e104696c6e81f64848",
            "0x9cf5a63718145ba968a01c1d557020181c5b252f665cf7386d370eddb176517b",
            "0x9c15a6a0eaeed500fd9eed4cbeab71f797cefcc67bfd46683e4d2e6ff7f06d1c",
            "0x9a4f64e953595df82d1b4f570d34c4f4f0cfaf729a61e9d60e83e579e1aa283e",
            "0x19ba6c6333e0e9a15bf67523e0676e2f23eb8e574092552d5e888c64a4bb3681");

    @Test
    void buildsTheSameTreeAsOpenZeppelinsStandardMerkleTree() {
        List<Bytes32> leaves = new ArrayList<>();
        for (String value : List.of("a", "b", "c", "d", "e", "f")) {
            leaves.add(standardStringLeaf(value));
        }

        MerkleTree tree = MerkleTree.of(leaves);

        assertThat(tree.root()).isEqualTo(Bytes32.of(OPENZEPPELIN_TREE.get(0)));
        // Leaf i (ascending) sits at 2n - 2 - i in OpenZeppelin's array.
        for (int i = 0; i < tree.size(); i++) {
            assertThat(tree.leaves().get(i)).isEqualTo(Bytes32.of(OPENZEPPELIN_TREE.get(10 - i)));
        }
        // "a" is at index 8: siblings 7, then 4 (parent 3's sibling), then 2 (parent 1's sibling).
        assertThat(tree.proof(standardStringLeaf("a")))
                .containsExactly(
                        Bytes32.of(OPENZEPPELIN_TREE.get(7)),
                        Bytes32.of(OPENZEPPELIN_TREE.get(4)),
                        Bytes32.of(OPENZEPPELIN_TREE.get(2)));
    }

    @Test
    void leafEncodingMatchesTheDocumentedExample() throws NoSuchAlgorithmException {
        // The README's example; expected values computed outside Java (node, ethereum-cryptography's keccak256).
        Bytes32 sha256 = Bytes32.of(MessageDigest.getInstance("SHA-256")
                .digest("What is the normal resting heart rate?\tBetween 60 and 100 beats per minute."
                        .getBytes(StandardCharsets.UTF_8)));
        ReleaseRecord record = new ReleaseRecord(
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                sha256,
                UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));

        assertThat(sha256.hex()).isEqualTo("0x0293cd33254fc2f933644761d456c3684ee176abb9d783e6730031bfdaba8732");
        assertThat(record.leafValues())
                .extracting(Bytes32::hex)
                .containsExactly(
                        "0x00000000000000000000000000000000123e4567e89b12d3a456426614174000",
                        sha256.hex(),
                        "0x0000000000000000000000000000000000112233445566778899aabbccddeeff");
        assertThat(record.leaf().hex()).isEqualTo("0x49df8efbcad6e6a18b749aeb94b0527a186d7e0674053b29ad0fb848e6e03faa");
    }

    @Test
    void oneLeafIsItsOwnRootWithAnEmptyProof() {
        Bytes32 leaf = records(1, 1).get(0).leaf();

        MerkleTree tree = MerkleTree.of(List.of(leaf));

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.proof(0)).isEmpty();
        assertThat(MerkleTree.verify(leaf, List.of(), tree.root())).isTrue();
    }

    @Test
    void everyLeafProvesItselfAndNoOtherForOddAndEvenCounts() {
        for (int n = 2; n <= 17; n++) {
            List<Bytes32> leaves =
                    records(n, n).stream().map(ReleaseRecord::leaf).toList();
            MerkleTree tree = MerkleTree.of(leaves);
            for (Bytes32 leaf : leaves) {
                List<Bytes32> proof = tree.proof(leaf);
                assertThat(MerkleTree.verify(leaf, proof, tree.root()))
                        .as("leaf %s of %d", leaf, n)
                        .isTrue();
                Bytes32 other = leaves.get((leaves.indexOf(leaf) + 1) % n);
                assertThat(MerkleTree.verify(other, proof, tree.root())).isFalse();
            }
        }
    }

    @Test
    void inputOrderDoesNotChangeTheRoot() {
        List<Bytes32> leaves =
                new ArrayList<>(records(11, 3).stream().map(ReleaseRecord::leaf).toList());
        Bytes32 root = MerkleTree.of(leaves).root();

        Collections.shuffle(leaves, new Random(4));

        assertThat(MerkleTree.of(leaves).root()).isEqualTo(root);
        // Fixed-width lower-case hex sorts like the unsigned bytes.
        assertThat(MerkleTree.of(leaves).leaves()).isSortedAccordingTo(Comparator.comparing(Bytes32::hex));
    }

    @Test
    void duplicateAndMissingLeavesAreRefused() {
        List<Bytes32> leaves = records(5, 5).stream().map(ReleaseRecord::leaf).toList();
        List<Bytes32> withDuplicate = new ArrayList<>(leaves);
        withDuplicate.add(leaves.get(2));

        assertThatThrownBy(() -> MerkleTree.of(withDuplicate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate Merkle leaf " + leaves.get(2));
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);

        MerkleTree tree = MerkleTree.of(leaves);
        Bytes32 stranger = records(1, 99).get(0).leaf();
        assertThat(tree.indexOf(stranger)).isEqualTo(-1);
        assertThatThrownBy(() -> tree.proof(stranger)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.proof(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tamperedRecordFailsVerification() {
        List<ReleaseRecord> records = records(7, 7);
        MerkleTree tree = MerkleTree.ofRecords(records);
        MerkleProof proof = tree.proof(records.get(3));
        ReleaseRecord tampered = new ReleaseRecord(
                records.get(3).recordId(),
                Bytes32.keccakOf("other content"),
                records.get(3).contributorId());

        assertThat(proof.verify()).isTrue();
        assertThat(MerkleTree.verify(tampered.leaf(), proof.proof(), tree.root()))
                .isFalse();
        // Claiming the old leaf for new fields is caught too: the leaf is recomputed, never taken on trust.
        assertThat(new MerkleProof(tampered, proof.leaf(), proof.proof(), proof.root()).verify())
                .isFalse();
    }

    @Test
    void hundredThousandLeavesBuildAndProveQuickly() {
        List<Bytes32> leaves =
                records(100_000, 42).stream().map(ReleaseRecord::leaf).toList();
        long start = System.nanoTime();

        MerkleTree tree = MerkleTree.of(leaves);

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("build time in ms").isLessThan(5_000);
        for (int i = 0; i < 100_000; i += 9_973) {
            Bytes32 leaf = leaves.get(i);
            List<Bytes32> proof = tree.proof(leaf);
            // A complete tree of 100k leaves is 17 levels deep; some leaves sit one level higher.
            assertThat(proof).hasSizeBetween(16, 17);
            assertThat(MerkleTree.verify(leaf, proof, tree.root())).isTrue();
        }
    }

    /** Deterministic, distinct records: the seed picks the UUIDs and contents. */
    static List<ReleaseRecord> records(int count, long seed) {
        Random random = new Random(seed);
        List<ReleaseRecord> records = new ArrayList<>(count);
        UUID contributor = new UUID(random.nextLong(), random.nextLong());
        for (int i = 0; i < count; i++) {
            records.add(new ReleaseRecord(
                    new UUID(random.nextLong(), random.nextLong()),
                    Bytes32.keccakOf("record " + seed + "/" + i),
                    i % 3 == 0 ? new UUID(random.nextLong(), random.nextLong()) : contributor));
        }
        return records;
    }

    /** OpenZeppelin's standard leaf for one string: keccak256(keccak256(abi.encode(value))), for short values. */
    private static Bytes32 standardStringLeaf(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = new byte[96];
        encoded[31] = 0x20; // offset of the string's data
        encoded[63] = (byte) bytes.length;
        System.arraycopy(bytes, 0, encoded, 64, bytes.length);
        return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
    }
}
