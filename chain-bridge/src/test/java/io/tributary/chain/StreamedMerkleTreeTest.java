package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The streamed builder and the stored-node proofs agree with the in-memory tree OpenZeppelin's layout defines. */
class StreamedMerkleTreeTest {

    private static List<Bytes32> leaves(int count, long seed) {
        Random random = new Random(seed);
        List<Bytes32> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leaf(
                    new UUID(random.nextLong(), random.nextLong()),
                    Bytes32.of(String.format("0x%064x", i)),
                    new UUID(random.nextLong(), random.nextLong())));
        }
        return leaves;
    }

    @Test
    void aTreeBuiltFromAStreamOfLeavesIsTheSameTreeNodeForNode() {
        for (int size : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 31, 32, 33, 100, 1_000}) {
            List<Bytes32> leaves = leaves(size, size);
            MerkleTree whole = MerkleTree.of(leaves);
            List<Bytes32> shuffled = new ArrayList<>(leaves);
            Collections.shuffle(shuffled, new Random(size));

            MerkleTree streamed = MerkleTree.of(size, shuffled.iterator());

            assertThat(streamed.root()).as("root of %d", size).isEqualTo(whole.root());
            assertThat(streamed.nodeBytes(0, streamed.nodeByteCount()))
                    .isEqualTo(whole.nodeBytes(0, whole.nodeByteCount()));
        }
    }

    @Test
    void proofsFromStoredNodesMatchTheInMemoryProofsAndReadFewNodes() {
        int size = 1_000;
        List<Bytes32> leaves = leaves(size, 7);
        MerkleTree tree = MerkleTree.of(size, leaves.iterator());
        MerkleTree stored = MerkleTree.ofNodes(tree.nodeBytes(0, tree.nodeByteCount()));
        int[] reads = {0};
        MerkleTree.StoredNodes nodes = index -> {
            reads[0]++;
            return Bytes32.of(stored.nodeBytes(index * 32, index * 32 + 32));
        };

        for (Bytes32 leaf : leaves) {
            reads[0] = 0;
            List<Bytes32> proof = MerkleTree.proof(size, leaf, nodes);
            assertThat(proof).isEqualTo(tree.proof(leaf));
            assertThat(MerkleTree.verify(leaf, proof, tree.root())).isTrue();
            // log2(1000) ≈ 10 for the search, 10 siblings.
            assertThat(reads[0]).isLessThanOrEqualTo(22);
        }
        assertThat(MerkleTree.proof(size, Bytes32.of("0x" + "ab".repeat(32)), nodes))
                .isNull();
    }

    @Test
    void refusesDuplicatesAndMiscountedStreams() {
        List<Bytes32> leaves = leaves(5, 1);
        List<Bytes32> twice = new ArrayList<>(leaves);
        twice.set(3, leaves.get(1));

        assertThatThrownBy(() -> MerkleTree.of(5, twice.iterator())).hasMessageStartingWith("Duplicate Merkle leaf");
        assertThatThrownBy(() -> MerkleTree.of(4, leaves.iterator())).hasMessageContaining("More than the 4");
        assertThatThrownBy(() -> MerkleTree.of(6, leaves.iterator())).hasMessageContaining("Only 5 of the 6");
        assertThatThrownBy(() -> MerkleTree.ofNodes(new byte[64])).isInstanceOf(IllegalArgumentException.class);
    }
}
