package io.tributary.application.datanet;

import io.tributary.persistence.datanet.Upload;
import java.time.Instant;
import java.util.UUID;

/** One of a contributor's uploads: the file, its hash and size, and how many records and bad lines it had. */
public record UploadView(
        UUID id,
        UUID dataNetId,
        String fileName,
        String sha256,
        long sizeBytes,
        int recordsAdded,
        int badLines,
        String badLineReport,
        Instant createdAt) {

    static UploadView of(Upload u) {
        return new UploadView(
                u.getId(),
                u.getDataNetId(),
                u.getFileName(),
                u.getSha256(),
                u.getSizeBytes(),
                u.getRecordsAdded(),
                u.getBadLines(),
                u.getBadLineReport(),
                u.getCreatedAt());
    }
}
