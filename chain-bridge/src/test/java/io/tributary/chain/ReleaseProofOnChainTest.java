package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * Java-built proofs against OpenZeppelin's {@code MerkleProof.verify} on the dev chain, through the test-only
 * {@code ReleaseProofChecker} (src/test/solidity), for a root anchored in the ProvenanceRegistry.
 */
class ReleaseProofOnChainTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    private EvmAddress checker;
    private ProvenanceAnchor registry;

    @BeforeEach
    void deployChecker() {
        Path bin = Path.of(System.getProperty("tributary.chain.testContracts", "target/test-contracts"))
                .resolve("ReleaseProofChecker.bin");
        try {
            String creationCode = Files.readString(bin).trim()
                    + FunctionEncoder.encodeConstructor(
                            List.of(new Address(f.contracts.provenanceRegistry().hex())));
            checker = EvmAddress.of(new AdminSender(f.client)
                    .sendAndWait(f.deployer, null, "0x" + creationCode)
                    .getContractAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry = new ProvenanceAnchor(f.client, f.contracts.provenanceRegistry());
    }

    @Test
    void javaProofsVerifyOnChainForAnAnchoredRelease() {
        List<ReleaseRecord> records = MerkleTreeTest.records(13, 13);
        MerkleTree tree = MerkleTree.ofRecords(records);
        anchor(tree.root());

        for (ReleaseRecord record : records) {
            MerkleProof proof = MerkleProof.fromJson(tree.proof(record).toJson());
            assertThat(leafOnChain(record)).isEqualTo(proof.leaf());
            assertThat(verifyRecordOnChain(tree.root(), record, proof.proof()))
                    .as("record %s", record.recordId())
                    .isTrue();
            assertThat(verifyLeafOnChain(tree.root(), proof.leaf(), proof.proof()))
                    .isTrue();
        }
    }

    @Test
    void tamperedRecordFailsInJavaAndOnChain() {
        List<ReleaseRecord> records = MerkleTreeTest.records(6, 6);
        MerkleTree tree = MerkleTree.ofRecords(records);
        anchor(tree.root());
        ReleaseRecord genuine = records.get(2);
        MerkleProof proof = tree.proof(genuine);
        ReleaseRecord tampered =
                new ReleaseRecord(genuine.recordId(), Bytes32.keccakOf("edited content"), genuine.contributorId());
        MerkleProof forged = new MerkleProof(tampered, tampered.leaf(), proof.proof(), proof.root());

        assertThat(forged.verify()).isFalse();
        assertThat(verifyRecordOnChain(tree.root(), tampered, proof.proof())).isFalse();
        assertThat(verifyLeafOnChain(tree.root(), tampered.leaf(), proof.proof()))
                .isFalse();
        assertThat(verifyRecordOnChain(tree.root(), genuine, proof.proof())).isTrue();
    }

    @Test
    void validProofForARootNobodyAnchoredIsNotEnough() {
        List<ReleaseRecord> records = MerkleTreeTest.records(4, 4);
        MerkleTree tree = MerkleTree.ofRecords(records);
        MerkleProof proof = tree.proof(records.get(0));

        assertThat(proof.verify()).isTrue();
        assertThat(verifyRecordOnChain(tree.root(), records.get(0), proof.proof()))
                .isFalse();
    }

    private void anchor(Bytes32 root) {
        new AdminSender(f.client)
                .send(
                        f.deployer,
                        registry.anchorCall(
                                EvmAddress.of(f.deployer),
                                root,
                                AnchorKind.DATANET_RELEASE,
                                Bytes32.fromUuid(UUID.randomUUID()),
                                "{\"release\":1}"));
        assertThat(registry.isAnchored(root)).isTrue();
    }

    private Bytes32 leafOnChain(ReleaseRecord record) {
        Function leafOf = new Function(
                "leafOf",
                words(record.leafValues().toArray(Bytes32[]::new)),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
        return Bytes32.of((byte[]) call(leafOf).getValue());
    }

    private boolean verifyRecordOnChain(Bytes32 root, ReleaseRecord record, List<Bytes32> proof) {
        List<Type> arguments = new ArrayList<>(words(root));
        arguments.addAll(words(record.leafValues().toArray(Bytes32[]::new)));
        arguments.add(proofArray(proof));
        return (Boolean) call(new Function("verifyRecord", arguments, List.of(new TypeReference<Bool>() {})))
                .getValue();
    }

    private boolean verifyLeafOnChain(Bytes32 root, Bytes32 leaf, List<Bytes32> proof) {
        List<Type> arguments = new ArrayList<>(words(root, leaf));
        arguments.add(proofArray(proof));
        return (Boolean) call(new Function("verifyLeaf", arguments, List.of(new TypeReference<Bool>() {})))
                .getValue();
    }

    private Type<?> call(Function function) {
        return f.client.call(checker, function, f.client.latestBlockNumber()).get(0);
    }

    private static List<Type> words(Bytes32... words) {
        List<Type> types = new ArrayList<>();
        for (Bytes32 word : words) {
            types.add(new org.web3j.abi.datatypes.generated.Bytes32(word.toBytes()));
        }
        return types;
    }

    private static DynamicArray<org.web3j.abi.datatypes.generated.Bytes32> proofArray(List<Bytes32> proof) {
        return new DynamicArray<>(
                org.web3j.abi.datatypes.generated.Bytes32.class,
                proof.stream()
                        .map(word -> new org.web3j.abi.datatypes.generated.Bytes32(word.toBytes()))
                        .toList());
    }
}
