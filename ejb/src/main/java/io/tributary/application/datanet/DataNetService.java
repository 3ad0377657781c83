package io.tributary.application.datanet;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.checks.RecordType;
import io.tributary.application.datanet.checks.SourceFormat;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.datanet.BadLinePolicy;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.DataNetRepository;
import io.tributary.persistence.datanet.PersonalDataPolicy;
import io.tributary.persistence.datanet.ReviewPolicy;
import io.tributary.persistence.datanet.ValidatorPool;
import io.tributary.persistence.datanet.Visibility;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Creating, revising and finding DataNets; who may see one depends on its visibility. */
@Stateless
public class DataNetService {

    /** The largest upload any DataNet may allow: 200 MB, streamed. */
    public static final long MAX_UPLOAD_CAP = 200L * 1024 * 1024;

    @Inject
    DataNetRepository dataNets;

    @Inject
    AuditLog audit;

    public Page<DataNet> list(Actor actor, PageRequest page) {
        return dataNets.openTo(actor.requireTenant(), page);
    }

    /** The columns the list of DataNets sorts and filters by. */
    public static final Columns COLUMNS = DataNetRepository.LIST;

    /** The organization's own DataNets and every public one, as pages show them. */
    public Page<DataNetView> views(Actor actor, ListQuery query) {
        return dataNets.openTo(actor.requireTenant(), COLUMNS.accept(query))
                .map(d -> DataNetView.of(d, actor.tenantId()));
    }

    /** One DataNet the actor's organization can see, as pages show it. */
    public DataNetView view(Actor actor, java.util.UUID id) {
        return DataNetView.of(get(actor, id), actor.tenantId());
    }

    /** A DataNet the actor's organization may see; others' private DataNets are not found. */
    public DataNet get(Actor actor, java.util.UUID id) {
        return dataNets.find(id)
                .filter(d -> d.isOpenTo(actor.requireTenant()))
                .orElseThrow(() -> new NotFound("No DataNet " + id + " is visible to your organization."));
    }

    /** Whether the actor may change the DataNet and decide escalations: its creator, or an admin of its organization. */
    public boolean isOwner(Actor actor, DataNet dataNet) {
        return dataNet.isOwnedBy(actor.tenantId())
                && (dataNet.getOwnerMemberId().equals(actor.memberId()) || actor.has(Role.ORG_ADMIN));
    }

    /** Whether the actor owns the DataNet (see {@link #isOwner(Actor, DataNet)}), for pages holding its view. */
    public boolean isOwner(Actor actor, java.util.UUID dataNetId) {
        return isOwner(actor, get(actor, dataNetId));
    }

    /** Creates a DataNet (see {@link #create}) and answers it as pages and the API show it. */
    public DataNetView createView(Actor actor, DataNetDraft draft) {
        return DataNetView.of(create(actor, draft), actor.tenantId());
    }

    public DataNet create(Actor actor, DataNetDraft draft) {
        if (!actor.has(Role.MODEL_BUILDER)) {
            audit.demand(actor, Role.ORG_ADMIN, "datanet.create", draft == null ? null : draft.name());
        }
        if (actor.memberId() == null) {
            throw new AccessDenied("DataNets are created by people; API keys cannot own one.");
        }
        DataNetDraft d = draft == null ? DataNetDraft.EMPTY : draft;
        InputCheck check = new InputCheck();
        String name = check.text("name", d.name(), 120);
        String domain = check.text("domain", d.domain(), 120);
        String description = check.text("description", d.description(), 20_000);
        List<String> tags = tags(check, d.tags());
        RecordType recordType = choice(check, "recordType", d.recordType(), RecordType::valueOf, RecordType.values());
        String licence = check.text("licence", d.licence(), 100);
        Visibility visibility = choice(check, "visibility", d.visibility(), Visibility::valueOf, Visibility.values());
        ContributionRules rules = rules(check, d);
        Integer k = d.approvalsRequired();
        Integer n = d.reviewersPerRecord();
        if (k == null || k < 1 || k > 20) {
            check.fail("approvalsRequired", "Approvals required must be between 1 and 20.");
        }
        if (n == null || k != null && (n < k || n > 25)) {
            check.fail(
                    "reviewersPerRecord",
                    "Reviewers per record must be at least the approvals required, and 25 at most.");
        }
        ValidatorPool pool =
                choice(check, "validatorPool", d.validatorPool(), ValidatorPool::valueOf, ValidatorPool.values());
        if (pool == ValidatorPool.ANY_ORGANIZATION && visibility == Visibility.PRIVATE) {
            check.fail("validatorPool", "Only a public DataNet can take validators from any organization.");
        }
        check.done();
        if (dataNets.nameTaken(actor.tenantId(), name)) {
            throw new Conflict("Your organization already has a DataNet named '" + name + "'.");
        }
        DataNet dataNet = new DataNet(
                actor.tenantId(),
                actor.memberId(),
                name,
                domain,
                description,
                tags,
                recordType.name(),
                licence,
                visibility,
                rules,
                new ReviewPolicy(k, n, pool));
        dataNets.add(dataNet);
        audit.changed(actor, actor.tenantId(), "datanet.create", dataNet.getId().toString(), name);
        return dataNet;
    }

    /** Changes description, domain, tags and contribution rules; name, record type, licence and policy stay. */
    public DataNet revise(Actor actor, java.util.UUID id, DataNetDraft draft) {
        DataNet dataNet = get(actor, id);
        if (!isOwner(actor, dataNet)) {
            audit.demand(actor, Role.PLATFORM_ADMIN, "datanet.revise", id.toString());
        }
        InputCheck check = new InputCheck();
        String domain = check.text("domain", draft.domain(), 120);
        String description = check.text("description", draft.description(), 20_000);
        List<String> tags = tags(check, draft.tags());
        ContributionRules rules = rules(check, draft);
        check.done();
        dataNet.revise(domain, description, tags, rules);
        audit.changed(actor, dataNet.getOwnerTenantId(), "datanet.revise", id.toString(), dataNet.getName());
        return dataNet;
    }

    private static List<String> tags(InputCheck check, Collection<String> raw) {
        List<String> tags = raw == null
                ? List.of()
                : raw.stream()
                        .map(t -> t == null ? "" : t.strip().toLowerCase(Locale.ROOT))
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
        if (tags.size() > 20 || tags.stream().anyMatch(t -> t.length() > 40 || t.contains(","))) {
            check.fail("tags", "Use at most 20 tags of at most 40 characters each, without commas.");
        }
        return tags;
    }

    private static ContributionRules rules(InputCheck check, DataNetDraft d) {
        List<String> formats = d.allowedFormats() == null ? List.of() : d.allowedFormats();
        List<String> clean = formats.stream()
                .map(f -> f == null ? "" : f.strip().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        if (clean.isEmpty()
                || clean.stream()
                        .anyMatch(f -> Arrays.stream(SourceFormat.values())
                                .noneMatch(s -> s.name().equals(f)))) {
            check.fail("allowedFormats", "Choose file types among " + Arrays.toString(SourceFormat.values()) + ".");
        }
        Long max = d.maxUploadBytes();
        if (max == null || max < 1024 || max > MAX_UPLOAD_CAP) {
            check.fail("maxUploadBytes", "The upload limit must be between 1 KB and 200 MB.");
        }
        Integer quota = d.dailyQuota();
        if (quota == null || quota < 1 || quota > 1_000_000) {
            check.fail("dailyQuota", "The daily quota must be between 1 and 1,000,000 records.");
        }
        BadLinePolicy badLines =
                choice(check, "badLinePolicy", d.badLinePolicy(), BadLinePolicy::valueOf, BadLinePolicy.values());
        PersonalDataPolicy personalData = choice(
                check,
                "personalDataPolicy",
                d.personalDataPolicy(),
                PersonalDataPolicy::valueOf,
                PersonalDataPolicy.values());
        Double threshold = d.nearDuplicateThreshold();
        if (threshold == null || threshold < 0.5 || threshold > 1.0) {
            check.fail("nearDuplicateThreshold", "The near-duplicate threshold must be between 0.5 and 1.0.");
        }
        return new ContributionRules(
                clean,
                max == null ? 0 : max,
                quota == null ? 0 : quota,
                badLines,
                personalData,
                threshold == null ? 0 : threshold);
    }

    private static <E extends Enum<E>> E choice(
            InputCheck check, String field, String value, Function<String, E> parse, E[] options) {
        try {
            return parse.apply(
                    value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            check.fail(field, "Choose one of " + Arrays.toString(options) + ".");
            return null;
        }
    }
}
