package io.specweave.deploy.increment;

import java.nio.file.Path;

/**
 * One increment folder.
 *
 * @param id       the folder name, e.g. {@code 0018-oauth-google}
 * @param number   the leading digits without leading zeros, e.g. {@code 18}; -1 when the folder has none
 * @param folder   the absolute folder
 * @param location where it lives: {@code increments}, {@code _archive}, {@code _abandoned} or {@code _paused}
 */
public record Increment(String id, int number, Path folder, String location) {

    /** {@code <folder>/metadata.json}. */
    public Path metadataFile() {
        return folder.resolve("metadata.json");
    }

    /** {@code <folder>/spec.md}. */
    public Path specFile() {
        return folder.resolve("spec.md");
    }

    /** The number padded to four digits as SpecWeave writes it ({@code 0018}), or the id when it has none. */
    public String paddedNumber() {
        return number < 0 ? id : String.format("%04d", number);
    }
}
