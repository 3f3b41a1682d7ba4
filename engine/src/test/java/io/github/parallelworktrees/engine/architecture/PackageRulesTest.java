package io.github.parallelworktrees.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's package rules (DESIGN.md, "Where the engine is heading"), checked on the compiled classes. */
class PackageRulesTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.parallelworktrees.engine");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.github.parallelworktrees.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void mergingKnowsNothingOfTheRunner() {
        noClasses().that().resideInAnyPackage("..engine.merge..", "..engine.queue..").should().dependOnClassesThat()
                .resideInAPackage("..engine.run..").check(engine);
    }

    @Test
    void theLedgerImportsOnlyValuesAndPlumbing() {
        noClasses().that().resideInAPackage("..engine.ledger..").should().dependOnClassesThat()
                .resideInAnyPackage("..engine.run..", "..engine.merge..", "..engine.queue..", "..engine.claude..",
                        "..engine.worker..", "..engine.cleanup..", "..engine.status..", "..engine.report..")
                .check(engine);
    }
}
