package io.tributary.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The module picture as rules: {@code web → ejb → persistence}, {@code ejb → model-training, chain-bridge}, and the
 * libraries reached only through their public facades.
 */
class LayerRulesTest {

    @Test
    void persistenceKnowsNothingOfTheLayersAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("io.tributary.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tributary.application..", "io.tributary.web..")
                .because("entities and repositories are the bottom layer: services and pages use them, never the"
                        + " other way round")
                .check(Platform.classes());
    }

    @Test
    void servicesKnowNothingOfTheWebLayer() {
        noClasses()
                .that()
                .resideInAPackage("io.tributary.application..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tributary.web..")
                .because("services answer pages and REST resources alike, so they cannot know either of them")
                .check(Platform.classes());
    }

    @Test
    void librariesKnowNothingOfJakartaEeOrThePlatform() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tributary.chain..", "io.tributary.training..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..", "io.tributary.application..", "io.tributary.persistence..", "io.tributary.web..")
                .because("model-training and chain-bridge are plain Java libraries, tested and usable without a"
                        + " server")
                .check(Platform.classes());
    }

    @Test
    void thePlatformUsesTheLibrariesOnlyThroughTheirFacades() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tributary.application..", "io.tributary.web..", "io.tributary.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tributary.training..internal..", "io.tributary.chain.internal..")
                .because("a library's internal packages may change in any release; its facades are its promise")
                .check(Platform.classes());
    }

    @Test
    void web3jStaysInsideChainBridge() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tributary.application..", "io.tributary.web..", "io.tributary.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.web3j..")
                .because("chain-bridge speaks plain Java (addresses, hashes, BigInteger) so the chain client can"
                        + " change without touching a service")
                .check(Platform.classes());
    }
}
