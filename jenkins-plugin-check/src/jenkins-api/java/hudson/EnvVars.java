// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/EnvVars.java
// (the constructors the glue and its tests use; a plain sorted map here, case-insensitive in Jenkins)
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }

    public EnvVars(Map<String, String> m) {
        putAll(m);
    }
}
