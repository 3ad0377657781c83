package io.tributary.chain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The library's public API (package {@code io.tributary.chain}) speaks plain Java; web3j stays behind it. */
class PublicApiTest {
    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tributary.chain");

    @Test
    void publicSignaturesMentionNoWeb3jType() {
        classes()
                .that()
                .resideInAPackage("io.tributary.chain")
                .and()
                .arePublic()
                .should(exposeNoTypeFrom("org.web3j"))
                .because("callers hold addresses, hashes, BigInteger and this library's records, so web3j can be"
                        + " upgraded or replaced without touching them")
                .check(LIBRARY);
    }

    @Test
    void publicSignaturesMentionNoInternalType() {
        classes()
                .that()
                .resideInAPackage("io.tributary.chain")
                .and()
                .arePublic()
                .should(exposeNoTypeFrom("io.tributary.chain.internal"))
                .because("a facade that hands out an internal type makes that type API")
                .check(LIBRARY);
    }

    @Test
    void theProductionJarHasNoDevChain() {
        noClasses()
                .should()
                .resideInAPackage("io.tributary.chain.dev..")
                .because("the Hardhat launcher and its well-known keys are test tooling, shipped in the test-jar only")
                .allowEmptyShould(true)
                .check(LIBRARY);
    }

    /** Public or protected fields, methods and constructors, and supertypes, mention no type of {@code prefix}. */
    static ArchCondition<JavaClass> exposeNoTypeFrom(String prefix) {
        return new ArchCondition<>("expose no type of " + prefix + " in a public signature") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                List<JavaClass> supertypes = new ArrayList<>(owner.getRawInterfaces());
                owner.getRawSuperclass().ifPresent(supertypes::add);
                for (JavaClass supertype : supertypes) {
                    if (supertype.getName().startsWith(prefix + ".")) {
                        events.add(SimpleConditionEvent.violated(owner, owner.getName() + " extends " + supertype));
                    }
                }
                for (JavaMember member : owner.getMembers()) {
                    Set<JavaModifier> modifiers = member.getModifiers();
                    if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    for (JavaType type : signatureTypes(member)) {
                        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
                            if (raw.getName().startsWith(prefix + ".")) {
                                events.add(SimpleConditionEvent.violated(
                                        member, member.getFullName() + " exposes " + raw.getName()));
                            }
                        }
                    }
                }
            }
        };
    }

    private static List<JavaType> signatureTypes(JavaMember member) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaField field) {
            types.add(field.getType());
        } else if (member instanceof JavaCodeUnit codeUnit) {
            types.add(codeUnit.getReturnType());
            types.addAll(codeUnit.getParameterTypes());
        }
        return types;
    }
}
