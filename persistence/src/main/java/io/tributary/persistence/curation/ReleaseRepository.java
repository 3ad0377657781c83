package io.tributary.persistence.curation;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Releases and their entries. */
@ApplicationScoped
public class ReleaseRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Release release) {
        em.persist(release);
    }

    public void add(ReleaseEntry entry) {
        em.persist(entry);
    }

    public Page<Release> ofDataNet(UUID dataNetId, PageRequest page) {
        return Page.of(
                em.createQuery("select r from Release r where r.dataNetId = :d order by r.version desc", Release.class)
                        .setParameter("d", dataNetId),
                em.createQuery("select count(r) from Release r where r.dataNetId = :d", Long.class)
                        .setParameter("d", dataNetId),
                page);
    }

    public Optional<Release> find(UUID dataNetId, int version) {
        return em.createQuery("select r from Release r where r.dataNetId = :d and r.version = :v", Release.class)
                .setParameter("d", dataNetId)
                .setParameter("v", version)
                .getResultStream()
                .findFirst();
    }

    public int latestVersion(UUID dataNetId) {
        return em.createQuery("select coalesce(max(r.version), 0) from Release r where r.dataNetId = :d", Integer.class)
                .setParameter("d", dataNetId)
                .getSingleResult();
    }

    public List<ReleaseEntry> entries(UUID releaseId) {
        return em.createQuery("select e from ReleaseEntry e where e.releaseId = :r", ReleaseEntry.class)
                .setParameter("r", releaseId)
                .getResultList();
    }

    /** The oldest release not anchored yet, locked so that one server anchors it; other servers skip it. */
    public Optional<Release> nextUnanchored() {
        return em.createNativeQuery(
                        "select * from release where anchored_block is null order by published_at limit 1"
                                + " for update skip locked",
                        Release.class)
                .getResultStream()
                .findFirst()
                .map(Release.class::cast);
    }
}
