package org.tenderhall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients match on problem types, so every type the code can answer with is listed in docs/api.md. */
class ProblemTypesDocumentedTest {

    @Test
    void every_declared_problem_type_is_in_the_api_guide_with_its_status() throws Exception {
        String guide = Files.readString(Path.of("docs/api.md"));
        List<ProblemType> declared = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tenderhall")) {
            for (JavaField field : type.getFields()) {
                if (field.getModifiers().contains(JavaModifier.STATIC)
                        && field.getRawType().isEquivalentTo(ProblemType.class)) {
                    java.lang.reflect.Field reflected = field.reflect();
                    reflected.setAccessible(true);
                    declared.add((ProblemType) reflected.get(null));
                }
            }
        }
        assertThat(declared).hasSizeGreaterThan(15);
        for (ProblemType problem : declared) {
            assertThat(guide).as("docs/api.md lists %s", problem.slug())
                    .contains("| `" + problem.slug() + "` | " + problem.status() + " |");
        }
    }
}
