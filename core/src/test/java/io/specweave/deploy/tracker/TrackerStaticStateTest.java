package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trackers keep no state between instances: whatever they learn (labels, fields, work item types)
 * lives in the tracker or the sync that learned it, so two profiles, two tests or two runs in one
 * JVM never see each other's answers.
 */
class TrackerStaticStateTest {

    @Test
    void trackerClassesHoldNoMutableStaticState() throws Exception {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.specweave.deploy.tracker");
        List<String> mutable = new ArrayList<>();
        int checked = 0;
        for (var javaClass : classes) {
            for (JavaField field : javaClass.getFields()) {
                if (!field.getModifiers().contains(JavaModifier.STATIC) || field.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    continue;
                }
                checked++;
                if (!field.getModifiers().contains(JavaModifier.FINAL)) {
                    mutable.add(field.getFullName() + " is not final");
                    continue;
                }
                Field reflected = field.reflect();
                reflected.setAccessible(true);
                Object value = reflected.get(null);
                if (value != null && value.getClass().isArray()) {
                    mutable.add(field.getFullName() + " is an array");
                } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
                    if (!unmodifiable(value)) {
                        mutable.add(field.getFullName() + " is a modifiable " + value.getClass().getName());
                    }
                } else if (value instanceof StringBuilder) {
                    mutable.add(field.getFullName() + " is a StringBuilder");
                }
            }
        }
        assertThat(checked).as("static fields looked at").isPositive();
        assertThat(mutable).isEmpty();
    }

    /** List.of, Set.of, Map.of and the Collections.unmodifiable* views; anything else may change. */
    private static boolean unmodifiable(Object value) {
        String name = value.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton");
    }
}
