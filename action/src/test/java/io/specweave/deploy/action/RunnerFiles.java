package io.specweave.deploy.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads $GITHUB_OUTPUT as the runner does: {@code name=value} lines and {@code name<<DELIMITER} blocks. */
final class RunnerFiles {

    private RunnerFiles() {
    }

    static Map<String, String> parseOutputs(String text) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isEmpty()) {
                    throw new IllegalStateException("line " + (i + 1) + ": empty heredoc delimiter");
                }
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).equals(delimiter); j++) {
                    if (value.length() > 0 || j > i + 1) {
                        value.append('\n');
                    }
                    value.append(lines.get(j));
                }
                if (j == lines.size()) {
                    throw new IllegalStateException("line " + (i + 1) + ": delimiter " + delimiter + " never closes");
                }
                outputs.put(name, value.toString());
                i = j;
            } else if (equals > 0) {
                outputs.put(line.substring(0, equals), line.substring(equals + 1));
            } else {
                throw new IllegalStateException("line " + (i + 1) + ": neither name=value nor name<<DELIMITER: " + line);
            }
        }
        return outputs;
    }
}
