package io.tributary.persistence.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A domain event as it was published: its type, what it is about, and its payload (a typed record, stored as jsonb
 * through Hibernate's JSON mapping). Immutable once written.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    private UUID id;

    /** The event record's simple name, such as ReleasePublished. */
    @Column(nullable = false, updatable = false)
    private String type;

    /** What the event is about, such as release:&lt;id&gt;. */
    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    private String payload;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    protected OutboxEvent() {}

    public OutboxEvent(String type, String subject, UUID tenantId, String payload, Instant occurredAt) {
        this.id = UUID.randomUUID();
        this.type = type;
        this.subject = subject;
        this.tenantId = tenantId;
        this.payload = payload;
        this.occurredAt = occurredAt;
    }

    public UUID getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getSubject() {
        return subject;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }
}
