package org.tenderhall;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house style's guard rails (shared/STYLE.md, Layout). */
class ArchitectureTest {

    private static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta.ws.rs..", "jakarta.persistence..",
            "org.hibernate..", "io.vertx..", "jakarta.enterprise..", "jakarta.transaction.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tenderhall");
    }

    @Test
    void seal_bidkit_and_every_domain_package_are_free_of_quarkus_jaxrs_and_jpa() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.tenderhall.seal..", "org.tenderhall.bidkit..",
                        "org.tenderhall..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void no_capability_reaches_into_another_capabilitys_store() {
        ArchRule rule = ArchRuleDefinition.classes().that().resideInAPackage("org.tenderhall..")
                .should(new ArchCondition<>("use no other capability's store") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String own = capabilityOf(item.getPackageName());
                        item.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            if (target.startsWith("org.tenderhall.") && target.matches("org\\.tenderhall\\.[a-z]+\\.store(\\..*)?")
                                    && !capabilityOf(target).equals(own)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                });
        rule.check(classes);
    }

    @Test
    void the_capabilities_are_free_of_cycles() {
        // kernel at the bottom, then platform, seal, openingkey below tender, bid and opening (docs/architecture.md)
        ArchRule rule = SlicesRuleDefinition.slices().matching("org.tenderhall.(*)..").should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void a_domain_package_uses_no_other_capabilitys_code_but_its_domain_and_the_kernel() {
        // seal has no split: all of it is the envelope format in plain Java (held so by the first rule), domain code
        ArchRule rule = ArchRuleDefinition.classes().that().resideInAPackage("org.tenderhall.*.domain..")
                .should(new ArchCondition<>("use of another capability only its domain, the kernel and seal") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String own = capabilityOf(item.getPackageName());
                        item.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            if (!target.startsWith("org.tenderhall.")) {
                                return;
                            }
                            String capability = capabilityOf(target);
                            boolean allowed = capability.equals(own) || capability.equals("kernel") || capability.equals("seal")
                                    || target.matches("org\\.tenderhall\\.[a-z]+\\.domain(\\..*)?");
                            if (!allowed) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                });
        rule.check(classes);
    }

    @Test
    void the_kernel_uses_nothing_else_of_ours_and_no_framework() {
        ArchRule rule = noClasses().that().resideInAPackage("org.tenderhall.kernel..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(FRAMEWORKS)
                        .or(JavaClass.Predicates.resideInAPackage("org.tenderhall..")
                                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.tenderhall.kernel..")))));
        rule.check(classes);
    }

    @Test
    void bidkit_uses_only_seal_and_the_pki_domain() {
        ArchRule rule = noClasses().that().resideInAPackage("org.tenderhall.bidkit..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.tenderhall..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("org.tenderhall.bidkit..",
                                "org.tenderhall.seal..", "org.tenderhall.pki.domain.."))));
        rule.check(classes);
    }

    @Test
    void seal_and_the_pki_domain_stand_alone_for_bidkit() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.tenderhall.seal..", "org.tenderhall.pki.domain..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.tenderhall..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("org.tenderhall.seal..",
                                "org.tenderhall.pki.domain.."))));
        rule.check(classes);
    }

    @Test
    void the_domain_rules_of_identity_are_guarded() {
        // The rule above must not pass merely because it found nothing to check.
        DescribedPredicate<JavaClass> inIdentityDomain = JavaClass.Predicates.resideInAPackage("org.tenderhall.identity.domain");
        org.assertj.core.api.Assertions.assertThat(classes.that(inIdentityDomain)).isNotEmpty();
    }

    private static String capabilityOf(String packageName) {
        String rest = packageName.substring("org.tenderhall".length());
        if (rest.isEmpty()) {
            return "";
        }
        String[] parts = rest.substring(1).split("\\.");
        return parts[0];
    }
}
