package io.tributary.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bounded contexts (tenancy, datanet, curation, rewards, ...) depend on each other in one direction only. */
class ContextRulesTest {

    @Test
    void servicesOfContextsFormNoCycle() {
        slices().matching("io.tributary.application.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a context may use another one's services or react to its events, but two contexts that"
                        + " call each other are one context in two folders")
                .check(Platform.classes());
    }

    @Test
    void persistenceOfContextsFormsNoCycle() {
        slices().matching("io.tributary.persistence.(*)..")
                .should()
                .beFreeOfCycles()
                .because("each context owns its tables; a reference between two contexts' entities points one way")
                .check(Platform.classes());
    }

    /** Shared page infrastructure in web, not a context: the shell, sign-in and the REST plumbing. */
    static final Set<String> WEB_INFRASTRUCTURE = Set.of("shell", "security", "rest");

    @Test
    void webOfContextsFormsNoCycle() {
        slices().matching("io.tributary.web.(*)..")
                .that(describe(
                        "are contexts (not " + WEB_INFRASTRUCTURE + ")",
                        (Slice slice) -> !WEB_INFRASTRUCTURE.contains(slice.getNamePart(1))))
                .should()
                .beFreeOfCycles()
                .because("a context's pages and resources may use another context's, but not the other way round as"
                        + " well")
                .check(Platform.classes());
    }

    @Test
    void servicesUseAnotherContextsTablesOnlyWhereTheArchitectureSaysSo() {
        classes()
                .that()
                .resideInAPackage("io.tributary.application.(*)..")
                .should(useOtherContextsPersistenceOnlyAsDocumented())
                .because("a context owns its tables and changes another context's only through that context's"
                        + " services or events; the documented exceptions are the shared kernel and named debts")
                .check(Platform.classes());
    }

    private static final Pattern APPLICATION_CONTEXT = Pattern.compile("io\\.tributary\\.application\\.(\\w+).*");
    private static final Pattern PERSISTENCE_CONTEXT = Pattern.compile("io\\.tributary\\.persistence\\.(\\w+).*");

    /**
     * The shared kernel: who is acting and in which tenant ({@code tenancy}'s {@code Tenant}, {@code Member},
     * {@code Role}) and how an audited action ended ({@code audit}'s {@code Outcome}). Every context may use these.
     */
    static final Set<String> SHARED_KERNEL = Set.of(
            "io.tributary.persistence.tenancy.Tenant",
            "io.tributary.persistence.tenancy.Member",
            "io.tributary.persistence.tenancy.Role",
            "io.tributary.persistence.audit.Outcome");

    /** Contexts allowed to reach into any other context's persistence: the demo seeds every context's data. */
    static final Set<String> SEEDING_CONTEXTS = Set.of("demo");

    /**
     * Known, named exceptions, context by context: each is a debt with an owner, to be removed when that context
     * gets a service API or an event for it (issue #12). Shrink this list; do not grow it.
     */
    static final Map<String, Set<String>> DOCUMENTED_EXCEPTIONS = Map.of(
            // Curation decides contributions and releases their records (views-datanet moves this behind datanet).
            "curation",
            Set.of(
                    "io.tributary.persistence.datanet.Contribution",
                    "io.tributary.persistence.datanet.ContributionRepository",
                    "io.tributary.persistence.datanet.ContributionStatus",
                    "io.tributary.persistence.datanet.Contributor",
                    "io.tributary.persistence.datanet.DataNet",
                    "io.tributary.persistence.datanet.LeafInput",
                    "io.tributary.persistence.datanet.ReleasedRecord",
                    "io.tributary.persistence.datanet.ReviewPolicy",
                    "io.tributary.persistence.datanet.ValidatorPool"),
            // Payouts and wallets look members and tenants up by id (should become tenancy's directory service).
            "rewards",
            Set.of(
                    "io.tributary.persistence.tenancy.MemberRepository",
                    "io.tributary.persistence.tenancy.TenantRepository"),
            // The factory reads a release's name, licence, record type and root from the entities datanet's and
            // curation's services return today (views-datanet's DataNetView and ReleaseView records replace this).
            "factory",
            Set.of("io.tributary.persistence.datanet.DataNet", "io.tributary.persistence.curation.Release"));

    private static ArchCondition<JavaClass> useOtherContextsPersistenceOnlyAsDocumented() {
        return new ArchCondition<>(
                "use another context's persistence only through the shared kernel or a documented" + " exception") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = context(APPLICATION_CONTEXT, origin.getPackageName());
                if (own.isEmpty() || SEEDING_CONTEXTS.contains(own.get())) {
                    return;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> owner = context(PERSISTENCE_CONTEXT, target.getPackageName());
                    if (owner.isEmpty() || owner.get().equals(own.get())) {
                        continue;
                    }
                    String name = target.getName();
                    boolean allowed = SHARED_KERNEL.contains(name)
                            || DOCUMENTED_EXCEPTIONS
                                    .getOrDefault(own.get(), Set.of())
                                    .contains(name);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                own.get() + " uses " + owner.get() + "'s " + target.getSimpleName() + ": "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static Optional<String> context(Pattern pattern, String packageName) {
        Matcher matcher = pattern.matcher(packageName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
