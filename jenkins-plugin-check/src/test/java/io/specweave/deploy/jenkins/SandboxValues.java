package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asserts that a value is made only of the JDK types a sandboxed Pipeline script may read. */
final class SandboxValues {

    private SandboxValues() {
    }

    static void assertPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            assertThat(value).isInstanceOf(LinkedHashMap.class);
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
            return;
        }
        if (value instanceof List<?> list) {
            assertThat(value).isInstanceOf(ArrayList.class);
            list.forEach(SandboxValues::assertPlain);
            return;
        }
        throw new AssertionError("not a sandbox-readable value: " + value.getClass().getName() + " " + value);
    }
}
