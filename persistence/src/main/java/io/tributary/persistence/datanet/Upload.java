package io.tributary.persistence.datanet;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One file (or pasted text, or form) a contributor sent to a DataNet. The original bytes are kept in file storage
 * under their SHA-256, so whatever a contributor sent can always be produced again.
 */
@Entity
@Table(name = "upload")
public class Upload {

    @Id
    private UUID id;

    @Column(name = "datanet_id", nullable = false, updatable = false)
    private UUID dataNetId;

    @Embedded
    private Contributor contributor;

    @Column(name = "file_name", nullable = false, updatable = false)
    private String fileName;

    @Column(nullable = false, updatable = false)
    private String format;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(name = "records_added", nullable = false)
    private int recordsAdded;

    @Column(name = "bad_lines", nullable = false)
    private int badLines;

    /** The first bad lines with their messages, one per line of text. */
    @Column(name = "bad_line_report")
    private String badLineReport;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Upload() {}

    public Upload(
            UUID dataNetId, Contributor contributor, String fileName, String format, String sha256, long sizeBytes) {
        this.id = UUID.randomUUID();
        this.dataNetId = dataNetId;
        this.contributor = contributor;
        this.fileName = fileName;
        this.format = format;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.createdAt = Instant.now();
    }

    public void recordOutcome(int recordsAdded, int badLines, String badLineReport) {
        this.recordsAdded = recordsAdded;
        this.badLines = badLines;
        this.badLineReport = badLineReport;
    }

    public UUID getId() {
        return id;
    }

    public UUID getDataNetId() {
        return dataNetId;
    }

    public Contributor getContributor() {
        return contributor;
    }

    public String getFileName() {
        return fileName;
    }

    public String getFormat() {
        return format;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public int getRecordsAdded() {
        return recordsAdded;
    }

    public int getBadLines() {
        return badLines;
    }

    public String getBadLineReport() {
        return badLineReport;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
