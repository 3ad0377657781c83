package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnchoredProofTest {
    private final List<ReleaseRecord> records = MerkleTreeTest.records(7, 7);
    private final MerkleTree tree = MerkleTree.ofRecords(records);
    private final UUID releaseId = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e9f-a0b1c2d3e4f5");
    private final AnchoredProof.Anchor anchor = new AnchoredProof.Anchor(
            31337,
            EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"),
            AnchorKind.DATANET_RELEASE,
            Bytes32.fromUuid(releaseId),
            releaseId.toString(),
            "0x" + "ab".repeat(32),
            12);

    private AnchoredProof proof(int index) {
        return AnchoredProof.ofRelease(
                tree.proof(records.get(index)), Map.of("releaseId", releaseId.toString(), "version", "3"), anchor);
    }

    @Test
    void aReleaseProofCarriesItsAnchorAndRoundTripsThroughJson() {
        AnchoredProof proof = proof(3);

        String json = proof.toJson();
        AnchoredProof read = AnchoredProof.fromJson(json);

        assertThat(read).isEqualTo(proof);
        assertThat(read.verifyInclusion()).isTrue();
        assertThat(read.releaseProof().verify()).isTrue();
        assertThat(json)
                .contains("\"format\" : \"tributary.proof.v1\"")
                .contains("\"encoding\" : \"tributary.datanet-record.v1\"")
                .contains("\"chainId\" : 31337")
                .contains("\"registry\" : \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"")
                .contains("\"kind\" : \"DataNetRelease\"")
                .contains("\"subject\" : \"" + Bytes32.fromUuid(releaseId).hex() + "\"")
                .contains("\"blockNumber\" : 12")
                .contains("\"leafEncoding\" : [ \"bytes32\", \"bytes32\", \"bytes32\" ]");
    }

    @Test
    void theStandardLeafOfTheRecordsWordsIsTheReleaseLeaf() {
        ReleaseRecord record = records.get(0);
        assertThat(MerkleTree.standardLeaf(record.leafValues())).isEqualTo(record.leaf());
    }

    @Test
    void anEditedLeafValueOrRecordFieldFailsVerification() {
        AnchoredProof proof = proof(1);
        String content = records.get(1).contentSha256().hex();
        String edited = content.substring(0, 65) + (content.endsWith("0") ? "1" : "0");

        AnchoredProof read = AnchoredProof.fromJson(proof.toJson().replace(content, edited));

        assertThat(read.verifyInclusion()).isFalse();
        assertThat(read.releaseProof().verify()).isFalse();
    }

    @Test
    void aProofWaitingForItsAnchorSaysSoAndStillVerifies() {
        AnchoredProof pending = AnchoredProof.ofRelease(tree.proof(records.get(2)), Map.of(), null);

        AnchoredProof read = AnchoredProof.fromJson(pending.toJson());

        assertThat(pending.toJson()).contains("\"anchor\" : null");
        assertThat(read.anchor()).isNull();
        assertThat(read.verifyInclusion()).isTrue();
    }

    @Test
    void otherFormatsHashesAndMalformedAnchorsAreRefused() {
        String json = proof(0).toJson();

        assertThatThrownBy(() -> AnchoredProof.fromJson(json.replace("tributary.proof.v1", "tributary.proof.v0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported proof format");
        assertThatThrownBy(() -> AnchoredProof.fromJson(json.replace("keccak256", "sha3-256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported hash");
        assertThatThrownBy(() -> AnchoredProof.fromJson(json.replace("DataNetRelease", "Release")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anchor kind");
        assertThatThrownBy(() -> AnchoredProof.fromJson(json.replace("\"chainId\" : 31337", "\"chainId\" : \"x\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chainId");
        assertThatThrownBy(() -> AnchoredProof.fromJson(json.replace("\"bytes32\", \"bytes32\" ]", "\"uint8\" ]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leafEncoding");
    }
}
