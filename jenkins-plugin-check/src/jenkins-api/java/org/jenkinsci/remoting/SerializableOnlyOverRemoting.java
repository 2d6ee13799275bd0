// Signature of jenkinsci/remoting (main) src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java
// (its default getChannelForSerialization() is left out)
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
