// Signature of jenkinsci/remoting (3352.v17a_fb_4b_2773f) src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java
// (its default getChannelForSerialization() is left out)
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
