// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/util/ListBoxModel.java
// (its stapler HttpResponse interface is left out)
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    public ListBoxModel() {
    }
}
