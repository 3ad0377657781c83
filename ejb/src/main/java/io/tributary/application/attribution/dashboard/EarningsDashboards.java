package io.tributary.application.attribution.dashboard;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.CsvDocument;
import io.tributary.application.NotFound;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.application.rewards.Trib;
import io.tributary.application.serving.ModelCatalogue;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.attribution.dashboard.EarningsFigures;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DailyAmount;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DataNetDay;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DataNetModel;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.ModelFigures;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The earnings dashboards, from receipts: a contributor's earnings over time by model and by DataNet and their most
 * influential records; a model owner's requests, tokens, revenue, the split paid out and the DataNets behind the
 * models; a DataNet owner's view of the models trained on the DataNet's releases and what its contributors and
 * validators were paid through them. Each as a record for pages and the API, and as CSV.
 */
@Stateless
public class EarningsDashboards {

    /** How far back the charts reach. */
    static final Duration WINDOW = Duration.ofDays(90);

    /** Records and DataNets listed. */
    static final int TOP = 10;

    @Inject
    EarningsFigures figures;

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionService contributions;

    @Inject
    TrainedRuns runs;

    @Inject
    TenantService tenants;

    @Inject
    ModelCatalogue catalogue;

    /** What a DataNet brought in, named as the viewer may see it. */
    public record DataNetEarnings(UUID dataNetId, String dataNet, BigInteger amount, long receipts) {}

    /** One of the viewer's records and how much it shaped answers. */
    public record InfluentialRecord(
            UUID recordId, String dataNet, String preview, long receipts, double weight, double bestScore) {}

    /** A contributor's dashboard. */
    public record ContributorDashboard(
            BigInteger total,
            List<DailyAmount> byDayAndModel,
            List<DataNetEarnings> byDataNet,
            List<InfluentialRecord> influentialRecords) {}

    /** A model owner's dashboard. */
    public record ModelOwnerDashboard(
            BigInteger revenue,
            List<ModelFigures> models,
            List<DailyAmount> revenueByDay,
            List<DataNetEarnings> topDataNets) {}

    public ContributorDashboard contributor(Actor actor) {
        if (actor.memberId() == null) {
            throw new AccessDenied("Earnings belong to members; a service key has none.");
        }
        Instant since = Instant.now().minus(WINDOW);
        List<DailyAmount> daily = figures.contributorByDayAndModel(actor.memberId(), since);
        Map<UUID, String> names = new HashMap<>();
        List<DataNetEarnings> byDataNet = figures.contributorByDataNet(actor.memberId()).stream()
                .map(t -> new DataNetEarnings(t.id(), name(actor, t.id(), names), t.amount(), t.receipts()))
                .toList();
        var influence = figures.mostInfluential(actor.memberId(), TOP);
        Map<UUID, String> previews = new HashMap<>();
        for (ContributionView c : contributions.views(
                actor,
                influence.stream()
                        .map(EarningsFigures.RecordInfluence::recordId)
                        .toList())) {
            String text = String.join(" · ", c.fields().values());
            previews.put(c.id(), text.length() > 120 ? text.substring(0, 119) + "…" : text);
        }
        List<InfluentialRecord> records = influence.stream()
                .map(r -> new InfluentialRecord(
                        r.recordId(),
                        name(actor, r.dataNetId(), names),
                        previews.getOrDefault(r.recordId(), ""),
                        r.receipts(),
                        r.weight(),
                        r.bestScore()))
                .toList();
        BigInteger total = byDataNet.stream().map(DataNetEarnings::amount).reduce(BigInteger.ZERO, BigInteger::add);
        return new ContributorDashboard(total, daily, byDataNet, records);
    }

    /** For model builders and org admins of the organization that owns the models. */
    public ModelOwnerDashboard modelOwner(Actor actor) {
        UUID tenant = actor.requireTenant();
        if (!actor.has(Role.MODEL_BUILDER) && !actor.has(Role.ORG_ADMIN)) {
            throw new AccessDenied("The model owner's dashboard is for model builders and org admins.");
        }
        List<ModelFigures> models = figures.ownerModels(tenant);
        Map<UUID, String> names = new HashMap<>();
        List<DataNetEarnings> top = figures.ownerTopDataNets(tenant, TOP).stream()
                .map(t -> new DataNetEarnings(t.id(), name(actor, t.id(), names), t.amount(), t.receipts()))
                .toList();
        BigInteger revenue = models.stream().map(ModelFigures::revenue).reduce(BigInteger.ZERO, BigInteger::add);
        return new ModelOwnerDashboard(
                revenue, models, figures.ownerRevenueByDay(tenant, Instant.now().minus(WINDOW)), top);
    }

    /**
     * A model version that uses the DataNet's releases, and what the DataNet's contributors and validators were paid
     * through it. {@code model} is the organization's served name ({@code alias/name}) when the viewer may use the
     * model (their own or a public one), else null: another organization's private model is named only by its owner.
     */
    public record DataNetModelUse(
            UUID modelVersionId,
            String model,
            int version,
            String organization,
            List<Integer> releases,
            long receipts,
            BigInteger toContributors,
            BigInteger toValidators) {}

    /** A DataNet owner's dashboard: the models using its releases and the revenue flowing to its people. */
    public record DataNetOwnerDashboard(
            UUID dataNetId,
            String dataNet,
            BigInteger toContributors,
            BigInteger toValidators,
            long receipts,
            List<DataNetDay> byDay,
            List<DataNetModelUse> models) {}

    /** A DataNet the viewer owns, for choosing which dashboard to show. */
    public record OwnedDataNet(UUID id, String name) {}

    /** The DataNets whose dashboards the viewer may see: those they own (creator, or admin of its organization). */
    public List<OwnedDataNet> ownedDataNets(Actor actor) {
        actor.requireTenant();
        return dataNets
                .views(actor, io.tributary.persistence.ListQuery.of(new io.tributary.persistence.PageRequest(1, 200)))
                .items()
                .stream()
                .filter(d -> d.ownOrganization() && dataNets.isOwner(actor, d.id()))
                .map(d -> new OwnedDataNet(d.id(), d.name()))
                .toList();
    }

    /**
     * For the DataNet's owners only (its creator and the admins of its organization): another organization's
     * DataNet is not found, and a member of the owning organization who does not own it is refused.
     */
    public DataNetOwnerDashboard dataNetOwner(Actor actor, UUID dataNetId) {
        var dataNet = dataNets.view(actor, dataNetId);
        if (!dataNet.ownOrganization()) {
            // Another organization's DataNet, even a public one: its dashboard is as unknown as a missing DataNet's.
            throw new NotFound("No DataNet " + dataNetId + " of your organization.");
        }
        if (!dataNets.isOwner(actor, dataNetId)) {
            throw new AccessDenied("A DataNet's dashboard is for its owner and its organization's admins.");
        }
        Set<String> usable = new HashSet<>();
        catalogue.models(actor).forEach(m -> usable.add(m.id()));
        Map<UUID, String> aliases = new HashMap<>();
        Map<UUID, String> organizations = new HashMap<>();
        Map<UUID, DataNetModel> paid = new LinkedHashMap<>();
        figures.dataNetByModel(dataNetId).forEach(m -> paid.put(m.modelVersionId(), m));
        List<DataNetModelUse> models = new ArrayList<>();
        for (PublishedVersion v : runs.trainedOn(dataNetId)) {
            DataNetModel figures = paid.remove(v.id());
            models.add(use(
                    actor,
                    v.id(),
                    v.tenantId(),
                    v.name(),
                    v.version(),
                    v.releases().stream()
                            .filter(r -> r.dataNetId().equals(dataNetId))
                            .map(r -> r.version())
                            .sorted()
                            .toList(),
                    figures,
                    usable,
                    aliases,
                    organizations));
        }
        for (DataNetModel m : paid.values()) {
            models.add(use(
                    actor,
                    m.modelVersionId(),
                    m.ownerTenantId(),
                    m.model(),
                    m.version(),
                    List.of(),
                    m,
                    usable,
                    aliases,
                    organizations));
        }
        models.sort(java.util.Comparator.comparing(
                        (DataNetModelUse u) -> u.toContributors().add(u.toValidators()))
                .reversed());
        BigInteger contributors =
                models.stream().map(DataNetModelUse::toContributors).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger validators =
                models.stream().map(DataNetModelUse::toValidators).reduce(BigInteger.ZERO, BigInteger::add);
        long receipts = models.stream().mapToLong(DataNetModelUse::receipts).sum();
        return new DataNetOwnerDashboard(
                dataNetId,
                dataNet.name(),
                contributors,
                validators,
                receipts,
                figures.dataNetByDay(dataNetId, Instant.now().minus(WINDOW)),
                List.copyOf(models));
    }

    private DataNetModelUse use(
            Actor actor,
            UUID versionId,
            UUID tenantId,
            String name,
            int version,
            List<Integer> releases,
            DataNetModel paid,
            Set<String> usable,
            Map<UUID, String> aliases,
            Map<UUID, String> organizations) {
        String alias = aliases.computeIfAbsent(
                tenantId, t -> tenants.find(t).map(x -> x.getAlias()).orElse(""));
        String organization = organizations.computeIfAbsent(
                tenantId, t -> tenants.find(t).map(x -> x.getName()).orElse("a former organization"));
        String served = alias + "/" + name;
        boolean named = tenantId.equals(actor.tenantId()) || usable.contains(served);
        return new DataNetModelUse(
                versionId,
                named ? served : null,
                version,
                organization,
                releases,
                paid == null ? 0 : paid.receipts(),
                paid == null ? BigInteger.ZERO : paid.contributors(),
                paid == null ? BigInteger.ZERO : paid.validators());
    }

    /** The DataNet owner's dashboard as CSV: one row per model version, or with {@code days} one per UTC day. */
    public String dataNetOwnerCsv(Actor actor, UUID dataNetId, boolean days) {
        DataNetOwnerDashboard d = dataNetOwner(actor, dataNetId);
        if (days) {
            CsvDocument csv = new CsvDocument("day", "receipts", "contributors_trib", "validators_trib");
            for (DataNetDay day : d.byDay()) {
                csv.row(day.day(), day.receipts(), Trib.format(day.contributors()), Trib.format(day.validators()));
            }
            return csv.toString();
        }
        CsvDocument csv = new CsvDocument(
                "model", "version", "organization", "releases", "receipts", "contributors_trib", "validators_trib");
        for (DataNetModelUse m : d.models()) {
            csv.row(
                    m.model() == null ? "a private model" : m.model(),
                    m.version(),
                    m.organization(),
                    String.join(" ", m.releases().stream().map(r -> "v" + r).toList()),
                    m.receipts(),
                    Trib.format(m.toContributors()),
                    Trib.format(m.toValidators()));
        }
        return csv.toString();
    }

    /** Platform staff's attribution figures over the last day and over the last 30 days. */
    public record PlatformDashboard(
            EarningsFigures.PlatformFigures lastDay, EarningsFigures.PlatformFigures last30Days) {}

    /** For platform staff only. */
    public PlatformDashboard platform(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("The platform's attribution figures are for platform staff.");
        }
        Instant now = Instant.now();
        return new PlatformDashboard(
                figures.platform(now.minus(Duration.ofDays(1))), figures.platform(now.minus(Duration.ofDays(30))));
    }

    /** The platform figures as CSV: one row per window. */
    public String platformCsv(Actor actor) {
        PlatformDashboard d = platform(actor);
        CsvDocument csv = new CsvDocument(
                "window",
                "receipts",
                "tokens",
                "charged_trib",
                "fee_income_trib",
                "latency_median_ms",
                "latency_p95_ms",
                "unbatched",
                "unanchored",
                "open_disputes");
        for (var row : List.of(Map.entry("1d", d.lastDay()), Map.entry("30d", d.last30Days()))) {
            var f = row.getValue();
            csv.row(
                    row.getKey(),
                    f.receipts(),
                    f.tokens(),
                    Trib.format(f.charged()),
                    Trib.format(f.feeIncome()),
                    f.latencyMedianMs() == null ? null : Math.round(f.latencyMedianMs()),
                    f.latencyP95Ms() == null ? null : Math.round(f.latencyP95Ms()),
                    f.unbatched(),
                    f.unanchored(),
                    f.openDisputes());
        }
        return csv.toString();
    }

    /** The contributor's earnings by day and model, as CSV (amounts in TRIB). */
    public String contributorCsv(Actor actor) {
        CsvDocument csv = new CsvDocument("day", "model", "amount_trib");
        for (DailyAmount d : contributor(actor).byDayAndModel()) {
            csv.row(d.day(), d.label(), Trib.format(d.amount()));
        }
        return csv.toString();
    }

    /** The owner's models' figures, as CSV (amounts in TRIB). */
    public String modelOwnerCsv(Actor actor) {
        CsvDocument csv = new CsvDocument(
                "model",
                "version",
                "requests",
                "prompt_tokens",
                "completion_tokens",
                "revenue_trib",
                "contributors_trib",
                "validators_trib",
                "owner_trib",
                "platform_trib");
        for (ModelFigures m : modelOwner(actor).models()) {
            csv.row(
                    m.model(),
                    m.version(),
                    m.requests(),
                    m.promptTokens(),
                    m.completionTokens(),
                    Trib.format(m.revenue()),
                    Trib.format(m.contributors()),
                    Trib.format(m.validators()),
                    Trib.format(m.owner()),
                    Trib.format(m.platform()));
        }
        return csv.toString();
    }

    private String name(Actor actor, UUID dataNetId, Map<UUID, String> cache) {
        return cache.computeIfAbsent(dataNetId, id -> {
            try {
                return dataNets.view(actor, id).name();
            } catch (NotFound e) {
                return "a DataNet you no longer see";
            }
        });
    }
}
