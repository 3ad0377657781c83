package io.tributary.application.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.Actor;
import io.tributary.application.InvalidInput;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.datanet.BadLinePolicy;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.PersonalDataPolicy;
import io.tributary.persistence.datanet.ReviewPolicy;
import io.tributary.persistence.datanet.Upload;
import io.tributary.persistence.datanet.UploadRepository;
import io.tributary.persistence.datanet.ValidatorPool;
import io.tributary.persistence.datanet.Visibility;
import io.tributary.persistence.tenancy.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload that fails for a reason nobody planned (here: the database refuses the third record) leaves nothing: the
 * transaction is marked for rollback, the stored original is removed, and the failure reaches the REST layer, which
 * answers it with a problem document. The container is stood in for by hand; the checks are the real ones.
 */
class UploadFailureTest {

    @TempDir
    Path store;

    private final List<Contribution> added = new ArrayList<>();
    private final List<Synchronization> synchronizations = new ArrayList<>();
    private boolean rollbackOnly;
    private int failAt = Integer.MAX_VALUE;
    private ContributionService service;
    private DataNet dataNet;

    private final Actor contributor =
            new Actor(UUID.randomUUID(), UUID.randomUUID(), "carlos", Set.of(Role.CONTRIBUTOR));

    @BeforeEach
    void wire() {
        System.setProperty("tributary.storage.dir", store.toString());
        dataNet = new DataNet(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Weather",
                "science",
                "Questions about weather.",
                List.of("weather"),
                "QUESTION_ANSWER",
                "CC0-1.0",
                Visibility.PRIVATE,
                new ContributionRules(
                        List.of("JSONL", "CSV"),
                        1 << 20,
                        1_000,
                        BadLinePolicy.KEEP_VALID,
                        PersonalDataPolicy.FLAG,
                        0.8),
                new ReviewPolicy(1, 1, ValidatorPool.OWNER_ORGANIZATION));
        service = new ContributionService();
        service.dataNets = new DataNetService() {
            @Override
            public DataNet get(Actor actor, UUID id) {
                return dataNet;
            }
        };
        service.uploads = new UploadRepository() {
            @Override
            public void add(Upload upload) {}

            @Override
            public long recordsSince(UUID dataNetId, UUID memberId, Instant since) {
                return 0;
            }
        };
        service.contributions = new ContributionRepository() {
            @Override
            public void add(Contribution contribution) {
                if (added.size() + 1 == failAt) {
                    throw new PersistenceException("ERROR: value too long for type character varying(2000)");
                }
                added.add(contribution);
            }

            @Override
            public Optional<Contribution> firstWithHash(UUID dataNetId, String contentHash) {
                return Optional.empty();
            }
        };
        service.storage = new FileStorage();
        service.nearDuplicates = new NearDuplicates() {
            @Override
            public io.tributary.application.datanet.checks.NearDuplicateIndex of(DataNet net) {
                return NearDuplicates.empty(0.8);
            }
        };
        service.audit = new AuditLog() {
            @Override
            public void changed(Actor actor, UUID tenantId, String action, String target, String detail) {}
        };
        service.em = (EntityManager) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> method.getName().equals("merge") ? args[0] : null);
        service.transactions = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "registerInterposedSynchronization" -> synchronizations.add((Synchronization) a[0]);
                        case "setRollbackOnly" -> rollbackOnly = true;
                        default -> {}
                    }
                    return null;
                });
    }

    @AfterEach
    void unset() {
        System.clearProperty("tributary.storage.dir");
    }

    private static byte[] records(int count) {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            file.append("{\"question\": \"Why does weather pattern ")
                    .append(i)
                    .append(" happen in spring?\", \"answer\": \"Because of reason number ")
                    .append(i * 7919)
                    .append(" and the seasons.\"}\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aRecordTheDatabaseRefusesRollsBackTheUploadAndRemovesTheStoredFile() throws Exception {
        failAt = 3;

        assertThatThrownBy(() -> service.contribute(
                        contributor, dataNet.getId(), "spring.jsonl", new ByteArrayInputStream(records(5))))
                .isInstanceOf(PersistenceException.class);

        assertThat(rollbackOnly).as("transaction marked for rollback").isTrue();
        assertThat(storedFiles()).as("stored originals left behind").isZero();
        // The container then completes the transaction as rolled back; that must stay harmless.
        synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_ROLLEDBACK));
        assertThat(storedFiles()).isZero();
    }

    @Test
    void theSameUploadWithoutTheFailureKeepsItsFileAndRecords() throws Exception {
        UploadReport report =
                service.contribute(contributor, dataNet.getId(), "spring.jsonl", new ByteArrayInputStream(records(5)));

        assertThat(report.upload().recordsAdded()).isEqualTo(5);
        assertThat(added).hasSize(5);
        assertThat(rollbackOnly).isFalse();
        assertThat(storedFiles()).isEqualTo(1);
    }

    @Test
    void aRefusedFileLeavesNoStoredFileOnceRolledBack() throws Exception {
        assertThatThrownBy(() -> service.contribute(
                        contributor,
                        dataNet.getId(),
                        "bad.jsonl",
                        new ByteArrayInputStream("[1]\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidInput.class);

        synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_ROLLEDBACK));
        assertThat(storedFiles()).isZero();
    }

    @Test
    void aBlockReasonListingHundredsOfFindingsFitsItsColumn() {
        dataNet = new DataNet(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Strict",
                "science",
                "Blocks personal data.",
                List.of("weather"),
                "QUESTION_ANSWER",
                "CC0-1.0",
                Visibility.PRIVATE,
                new ContributionRules(
                        List.of("JSONL"), 1 << 20, 1_000, BadLinePolicy.KEEP_VALID, PersonalDataPolicy.BLOCK, 0.8),
                new ReviewPolicy(1, 1, ValidatorPool.OWNER_ORGANIZATION));
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < 300; i++) addresses.append("person").append(i).append("@example.org ");
        String line = "{\"question\": \"Who can I write to about the weather?\", \"answer\": \"" + addresses + "\"}\n";

        service.contribute(
                contributor,
                dataNet.getId(),
                "people.jsonl",
                new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));

        assertThat(added).hasSize(1);
        assertThat(added.get(0).getDecisionReason())
                .startsWith("personal data: ")
                .hasSizeLessThanOrEqualTo(2000);
    }

    @Test
    void hostileFileNamesAreStoredSafelyOrRefusedWithAMessage() {
        assertThat(UploadName.of("../../etc/passwd.jsonl")).isEqualTo("passwd.jsonl");
        assertThat(UploadName.of("C:\\Users\\eve\\records.csv")).isEqualTo("records.csv");
        assertThat(UploadName.of("evil\u202Elmth.jsonl")).isEqualTo("evillmth.jsonl");
        assertThat(UploadName.of("a\u0000b\r\n\tc.jsonl")).isEqualTo("abc.jsonl");
        assertThat(UploadName.of("\u00e9t\u00e9-\u96e8.jsonl")).isEqualTo("été-雨.jsonl");
        assertThat(UploadName.of("\uD83C\uDF27".repeat(200) + ".jsonl")).hasSize(2 * 200 + 6);
        assertThatThrownBy(() -> UploadName.of("a".repeat(300) + ".jsonl"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("The file name has 306 characters; the limit is 255. Rename the file and upload it again;"
                        + " nothing was stored.");
        assertThatThrownBy(() -> UploadName.of("\uD83C\uDF27".repeat(300) + ".jsonl"))
                .isInstanceOf(InvalidInput.class);
        for (String nothing : new String[] {null, "", "..", "dir/", "\u0000\u202E", "/.."}) {
            assertThatThrownBy(() -> UploadName.of(nothing)).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void aNameThatIsTooLongIsRefusedBeforeAnythingIsStored() throws Exception {
        assertThatThrownBy(() -> service.contribute(
                        contributor, dataNet.getId(), "x".repeat(300) + ".jsonl", new ByteArrayInputStream(records(2))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("limit is 255");
        assertThat(storedFiles()).isZero();
        assertThat(added).isEmpty();
    }
}
