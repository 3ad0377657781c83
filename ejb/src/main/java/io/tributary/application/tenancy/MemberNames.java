package io.tributary.application.tenancy;

import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.MemberName;
import io.tributary.persistence.tenancy.MemberRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

/**
 * Names members for whoever is looking: by e-mail to their own organization, by the public name they chose (a random
 * pseudonym until then) to everyone else, so public DataNets never show one tenant's people's e-mails to another.
 */
@ApplicationScoped
public class MemberNames {

    /** What a member who has left is shown as. */
    public static final String FORMER_MEMBER = "former member";

    @Inject
    MemberRepository members;

    /** Names for these members as this viewer may see them. */
    public Names forViewer(Actor viewer, Collection<UUID> memberIds) {
        return new Names(viewer == null ? null : viewer.tenantId(), members.names(new HashSet<>(memberIds)));
    }

    /** Public names only, for what is the same for every reader (a release export). */
    public Names publicNames(Collection<UUID> memberIds) {
        return forViewer(null, memberIds);
    }

    /** Members' names as one viewer sees them. */
    public record Names(UUID viewerTenantId, Map<UUID, MemberName> names) {
        public String of(UUID memberId) {
            MemberName name = names.get(memberId);
            return name == null ? FORMER_MEMBER : name.as(viewerTenantId);
        }
    }
}
