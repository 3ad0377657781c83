package io.tributary.persistence.audit;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Appends to and reads the audit log. */
@ApplicationScoped
public class AuditEntryRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void append(AuditEntry entry) {
        em.persist(entry);
    }

    /**
     * Newest first; a null tenant means every tenant (platform staff only). {@code actor} and {@code action}, when
     * given, keep the entries whose actor or action contains them (ignoring case).
     */
    public Page<AuditEntry> latest(UUID tenantId, String actor, String action, PageRequest page) {
        StringBuilder where = new StringBuilder(" from AuditEntry a where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (tenantId != null) {
            where.append(" and a.tenantId = :t");
            parameters.put("t", tenantId);
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" and lower(a.actor) like :actor escape '!'");
            parameters.put("actor", containing(actor));
        }
        if (action != null && !action.isBlank()) {
            where.append(" and lower(a.action) like :action escape '!'");
            parameters.put("action", containing(action));
        }
        TypedQuery<AuditEntry> list = em.createQuery("select a" + where + " order by a.id desc", AuditEntry.class);
        TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
        parameters.forEach((name, value) -> {
            list.setParameter(name, value);
            count.setParameter(name, value);
        });
        return Page.of(list, count, page);
    }

    private static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replaceAll("([!%_])", "!$1") + "%";
    }
}
