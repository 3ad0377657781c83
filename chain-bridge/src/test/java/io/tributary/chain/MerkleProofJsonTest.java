package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofJsonTest {
    private final List<ReleaseRecord> records = MerkleTreeTest.records(9, 9);
    private final MerkleTree tree = MerkleTree.ofRecords(records);

    @Test
    void proofRoundTripsThroughJsonAndStillVerifies() {
        MerkleProof proof = tree.proof(records.get(4));

        String json = proof.toJson();
        MerkleProof read = MerkleProof.fromJson(json);

        assertThat(read).isEqualTo(proof);
        assertThat(read.verify()).isTrue();
        assertThat(json)
                .contains("\"encoding\" : \"tributary.datanet-record.v1\"")
                .contains("\"hash\" : \"keccak256\"")
                .contains("\"recordId\" : \"" + records.get(4).recordId() + "\"")
                .contains("\"leafEncoding\" : [ \"bytes32\", \"bytes32\", \"bytes32\" ]")
                .contains("\"leaf\" : \"" + proof.leaf().hex() + "\"")
                .contains("\"root\" : \"" + tree.root().hex() + "\"");
    }

    @Test
    void editedContentHashInADownloadedProofFailsVerification() {
        MerkleProof proof = tree.proof(records.get(1));
        String original = records.get(1).contentSha256().hex();
        String edited = original.substring(0, 65) + (original.endsWith("0") ? "1" : "0");

        MerkleProof read = MerkleProof.fromJson(proof.toJson().replace(original, edited));

        assertThat(read.record().contentSha256().hex()).isEqualTo(edited);
        assertThat(read.verify()).isFalse();
    }

    @Test
    void otherEncodingsAndMalformedProofsAreRefused() {
        String json = tree.proof(records.get(0)).toJson();

        assertThatThrownBy(() -> MerkleProof.fromJson(json.replace("datanet-record.v1", "datanet-record.v2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported leaf encoding");
        assertThatThrownBy(() -> MerkleProof.fromJson(json.replace("keccak256", "sha3-256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported hash");
        assertThatThrownBy(() -> MerkleProof.fromJson(json.replace("\"root\"", "\"rot\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> MerkleProof.fromJson(
                        json.replace(records.get(0).recordId().toString(), "1-2-3-4-5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canonical UUID");
        assertThatThrownBy(() -> MerkleProof.fromJson("{\"encoding\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProof.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
