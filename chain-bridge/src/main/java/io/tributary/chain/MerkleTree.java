package io.tributary.chain;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.web3j.crypto.Hash;

/** A Merkle tree over 32-byte leaves, built as OpenZeppelin 5's {@code StandardMerkleTree} builds it. */
public final class MerkleTree {
    private static final int WORD = 32;

    /**
     * OpenZeppelin's {@code makeMerkleTree} layout, so that roots and proofs match theirs: {@code 2n - 1} nodes of 32
     * bytes, root at 0, children of {@code i} at {@code 2i + 1} and {@code 2i + 2}, the {@code i}-th smallest leaf at
     * {@code 2n - 2 - i}. One flat array keeps 100k leaves at 6.4 MB and needs no padding for odd counts.
     */
    private final byte[] nodes;

    private final int size;

    private MerkleTree(byte[] nodes, int size) {
        this.nodes = nodes;
        this.size = size;
    }

    /**
     * Builds the tree; the order of {@code leaves} does not matter, since they are sorted first.
     *
     * @throws IllegalArgumentException when there are no leaves or a leaf occurs twice (a release lists each record
     *     once, and a duplicate would make two indexes prove the same thing)
     */
    public static MerkleTree of(Collection<Bytes32> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("A Merkle tree needs at least one leaf");
        }
        byte[][] sorted = new byte[leaves.size()][];
        int next = 0;
        for (Bytes32 leaf : leaves) {
            sorted[next++] = leaf.toBytes();
        }
        Arrays.sort(sorted, Arrays::compareUnsigned);
        for (int i = 1; i < sorted.length; i++) {
            if (Arrays.equals(sorted[i - 1], sorted[i])) {
                throw new IllegalArgumentException("Duplicate Merkle leaf " + Bytes32.of(sorted[i]));
            }
        }
        int size = sorted.length;
        int count = 2 * size - 1;
        byte[] nodes = new byte[count * WORD];
        for (int i = 0; i < size; i++) {
            System.arraycopy(sorted[i], 0, nodes, (count - 1 - i) * WORD, WORD);
        }
        byte[] pair = new byte[2 * WORD];
        for (int i = count - 1 - size; i >= 0; i--) {
            hashPair(nodes, (2 * i + 1) * WORD, nodes, (2 * i + 2) * WORD, pair);
            System.arraycopy(Hash.sha3(pair), 0, nodes, i * WORD, WORD);
        }
        return new MerkleTree(nodes, size);
    }

    /**
     * Builds the tree from {@code size} leaves handed over one at a time, in any order, holding nothing but the tree
     * itself: {@code (2 * size - 1) * 32} bytes, about 64 bytes per leaf, plus a constant. The leaves are sorted in
     * place (heapsort) inside the tree's own leaf layer.
     *
     * @throws IllegalArgumentException when {@code leaves} yields more or fewer than {@code size} leaves, or one twice
     */
    public static MerkleTree of(int size, Iterator<Bytes32> leaves) {
        if (size < 1) {
            throw new IllegalArgumentException("A Merkle tree needs at least one leaf");
        }
        int count = 2 * size - 1;
        byte[] nodes = new byte[Math.multiplyExact(count, WORD)];
        int next = 0;
        while (leaves.hasNext()) {
            if (next == size) {
                throw new IllegalArgumentException("More than the " + size + " leaves announced");
            }
            System.arraycopy(leaves.next().toBytes(), 0, nodes, (size - 1 + next) * WORD, WORD);
            next++;
        }
        if (next != size) {
            throw new IllegalArgumentException("Only " + next + " of the " + size + " leaves announced");
        }
        // The i-th smallest leaf sits at count - 1 - i: the leaf layer is in descending order.
        sortDescending(nodes, size - 1, size);
        for (int i = size - 1; i < count - 1; i++) {
            if (Arrays.equals(nodes, i * WORD, (i + 1) * WORD, nodes, (i + 1) * WORD, (i + 2) * WORD)) {
                throw new IllegalArgumentException(
                        "Duplicate Merkle leaf " + Bytes32.of(Arrays.copyOfRange(nodes, i * WORD, (i + 1) * WORD)));
            }
        }
        byte[] pair = new byte[2 * WORD];
        for (int i = count - 1 - size; i >= 0; i--) {
            hashPair(nodes, (2 * i + 1) * WORD, nodes, (2 * i + 2) * WORD, pair);
            System.arraycopy(Hash.sha3(pair), 0, nodes, i * WORD, WORD);
        }
        return new MerkleTree(nodes, size);
    }

    /** A tree from its stored nodes, as {@link #nodeBytes} gave them out; nothing is recomputed. */
    public static MerkleTree ofNodes(byte[] nodes) {
        if (nodes.length == 0 || nodes.length % WORD != 0 || (nodes.length / WORD) % 2 == 0) {
            throw new IllegalArgumentException("Not a Merkle tree's nodes: " + nodes.length + " bytes");
        }
        return new MerkleTree(nodes, (nodes.length / WORD + 1) / 2);
    }

    /** Length of {@link #nodeBytes}: {@code (2 * size - 1) * 32}. */
    public int nodeByteCount() {
        return nodes.length;
    }

    /** A copy of the bytes {@code from} (inclusive) to {@code to} (exclusive) of the node layout, to store in parts. */
    public byte[] nodeBytes(int from, int to) {
        return Arrays.copyOfRange(nodes, from, to);
    }

    /** Reads one 32-byte node of a stored tree by its index in the node layout (root 0). */
    @FunctionalInterface
    public interface StoredNodes {
        Bytes32 node(int index);
    }

    /**
     * The proof of {@code leaf} in a stored tree of {@code size} leaves, reading only O(log size) nodes: a binary
     * search through the sorted leaf layer, then the siblings up to the root.
     *
     * @return the siblings from the leaf up, or null when the leaf is not in the tree
     */
    public static List<Bytes32> proof(int size, Bytes32 leaf, StoredNodes stored) {
        byte[] wanted = leaf.toBytes();
        int low = 0;
        int high = size - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order =
                    Arrays.compareUnsigned(stored.node(2 * size - 2 - middle).toBytes(), wanted);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                found = middle;
                break;
            }
        }
        if (found < 0) {
            return null;
        }
        List<Bytes32> proof = new ArrayList<>();
        for (int node = 2 * size - 2 - found; node > 0; node = (node - 1) / 2) {
            proof.add(stored.node(node % 2 == 1 ? node + 1 : node - 1));
        }
        return List.copyOf(proof);
    }

    /** Heapsort of {@code length} 32-byte words starting at word {@code first}, largest first; no extra memory. */
    private static void sortDescending(byte[] words, int first, int length) {
        byte[] swap = new byte[WORD];
        // A min-heap puts the smallest word last on each extraction, leaving the words in descending order.
        for (int i = length / 2 - 1; i >= 0; i--) {
            siftDown(words, first, i, length, swap);
        }
        for (int end = length - 1; end > 0; end--) {
            swapWords(words, first, 0, end, swap);
            siftDown(words, first, 0, end, swap);
        }
    }

    private static void siftDown(byte[] words, int first, int root, int length, byte[] swap) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= length) {
                return;
            }
            if (child + 1 < length && compareWords(words, first + child + 1, first + child) < 0) {
                child++;
            }
            if (compareWords(words, first + child, first + root) >= 0) {
                return;
            }
            swapWords(words, first, root, child, swap);
            root = child;
        }
    }

    private static int compareWords(byte[] words, int a, int b) {
        return Arrays.compareUnsigned(words, a * WORD, (a + 1) * WORD, words, b * WORD, (b + 1) * WORD);
    }

    private static void swapWords(byte[] words, int first, int a, int b, byte[] swap) {
        int x = (first + a) * WORD;
        int y = (first + b) * WORD;
        System.arraycopy(words, x, swap, 0, WORD);
        System.arraycopy(words, y, words, x, WORD);
        System.arraycopy(swap, 0, words, y, WORD);
    }

    /** The tree over the records' {@linkplain ReleaseRecord#leaf() leaves}. */
    public static MerkleTree ofRecords(Collection<ReleaseRecord> records) {
        List<Bytes32> leaves = new ArrayList<>(records.size());
        for (ReleaseRecord record : records) {
            leaves.add(record.leaf());
        }
        return of(leaves);
    }

    /**
     * The leaf of a DataNet record, encoding {@value ReleaseRecord#ENCODING}: in Solidity {@code
     * keccak256(bytes.concat(keccak256(abi.encode(bytes32 recordId, bytes32 contentSha256, bytes32 contributorId))))},
     * each UUID as {@link Bytes32#fromUuid} (its 128 bits in the low half of the word).
     */
    public static Bytes32 leaf(UUID recordId, Bytes32 contentSha256, UUID contributorId) {
        byte[] encoded = new byte[3 * WORD];
        System.arraycopy(Bytes32.fromUuid(recordId).toBytes(), 0, encoded, 0, WORD);
        System.arraycopy(contentSha256.toBytes(), 0, encoded, WORD, WORD);
        System.arraycopy(Bytes32.fromUuid(contributorId).toBytes(), 0, encoded, 2 * WORD, WORD);
        // Hashing twice keeps a leaf from ever being read as a 64-byte inner node (OpenZeppelin's advice).
        return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
    }

    /**
     * OpenZeppelin's {@code StandardMerkleTree} leaf of static 32-byte values, e.g. {@code bytes32} words: {@code
     * keccak256(bytes.concat(keccak256(abi.encode(values...))))}. Any leaf encoding whose values are all {@code bytes32}
     * (release records, receipts) hashes this way.
     */
    public static Bytes32 standardLeaf(List<Bytes32> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("A leaf needs at least one value");
        }
        byte[] encoded = new byte[words.size() * WORD];
        for (int i = 0; i < words.size(); i++) {
            System.arraycopy(words.get(i).toBytes(), 0, encoded, i * WORD, WORD);
        }
        return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
    }

    /** Whether {@code proof} leads from {@code leaf} to {@code root}, as {@code MerkleProof.verify} decides it. */
    public static boolean verify(Bytes32 leaf, List<Bytes32> proof, Bytes32 root) {
        byte[] computed = leaf.toBytes();
        byte[] pair = new byte[2 * WORD];
        for (Bytes32 sibling : proof) {
            hashPair(computed, 0, sibling.toBytes(), 0, pair);
            computed = Hash.sha3(pair);
        }
        return Arrays.equals(computed, root.toBytes());
    }

    public Bytes32 root() {
        return word(0);
    }

    public int size() {
        return size;
    }

    /** The leaves in ascending order, which is the order {@link #proof(int)} indexes. */
    public List<Bytes32> leaves() {
        return new AbstractList<>() {
            @Override
            public Bytes32 get(int index) {
                return word(treeIndex(index));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The leaf's position in {@link #leaves()}, or -1 when it is not in the tree. */
    public int indexOf(Bytes32 leaf) {
        byte[] wanted = leaf.toBytes();
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int offset = treeIndex(middle) * WORD;
            int order = Arrays.compareUnsigned(nodes, offset, offset + WORD, wanted, 0, WORD);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** The siblings from the leaf at {@code leafIndex} of {@link #leaves()} up to the root; empty for one leaf. */
    public List<Bytes32> proof(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= size) {
            throw new IndexOutOfBoundsException("Leaf index " + leafIndex + " of " + size);
        }
        List<Bytes32> proof = new ArrayList<>();
        for (int node = treeIndex(leafIndex); node > 0; node = (node - 1) / 2) {
            proof.add(word(node % 2 == 1 ? node + 1 : node - 1));
        }
        return List.copyOf(proof);
    }

    /**
     * The proof of a leaf of this tree.
     *
     * @throws IllegalArgumentException when the leaf is not in the tree
     */
    public List<Bytes32> proof(Bytes32 leaf) {
        int index = indexOf(leaf);
        if (index < 0) {
            throw new IllegalArgumentException("Not a leaf of this tree: " + leaf);
        }
        return proof(index);
    }

    /**
     * The downloadable proof of a record of this tree.
     *
     * @throws IllegalArgumentException when the record's leaf is not in the tree
     */
    public MerkleProof proof(ReleaseRecord record) {
        Bytes32 leaf = record.leaf();
        return new MerkleProof(record, leaf, proof(leaf), root());
    }

    private int treeIndex(int leafIndex) {
        return 2 * size - 2 - leafIndex;
    }

    private Bytes32 word(int treeIndex) {
        return Bytes32.of(Arrays.copyOfRange(nodes, treeIndex * WORD, (treeIndex + 1) * WORD));
    }

    /** Smaller word first, as OpenZeppelin's {@code commutativeKeccak256}: proofs then need no left/right flags. */
    private static void hashPair(byte[] a, int aOffset, byte[] b, int bOffset, byte[] pair) {
        boolean aFirst = Arrays.compareUnsigned(a, aOffset, aOffset + WORD, b, bOffset, bOffset + WORD) <= 0;
        System.arraycopy(aFirst ? a : b, aFirst ? aOffset : bOffset, pair, 0, WORD);
        System.arraycopy(aFirst ? b : a, aFirst ? bOffset : aOffset, pair, WORD, WORD);
    }
}
