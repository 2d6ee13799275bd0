package io.specweave.deploy.app;

import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.increment.FileUpdates;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.IncrementRepository;
import io.specweave.deploy.increment.MetadataStore;
import java.nio.file.Path;
import java.util.List;

/** A project folder holding {@code .specweave}: its config, its increments and their metadata. */
public final class Project {

    private final SpecweaveConfig config;
    private final IncrementRepository increments;

    private Project(SpecweaveConfig config) {
        this.config = config;
        this.increments = new IncrementRepository(config.specweaveDir());
    }

    /**
     * Loads {@code <dir>/.specweave/config.json}; bad config is a {@link BadInputException}, and so is a
     * {@code .specweave} (or config) that is a link out of the project: nothing in it is read then.
     */
    public static Project open(Path dir) {
        Path specweave = dir.toAbsolutePath().normalize().resolve(".specweave");
        FileUpdates.requireInsideProject(specweave.resolve("config.json"), specweave);
        return new Project(ConfigLoader.load(dir));
    }

    public static Project of(SpecweaveConfig config) {
        return new Project(config);
    }

    public SpecweaveConfig config() {
        return config;
    }

    /**
     * What the outcome of every operation on this project warns of besides its own warnings, whichever
     * operation and front end: the config's ({@link SpecweaveConfig#warnings()}, a file SpecWeave cannot read).
     */
    public List<String> warnings() {
        return config.warnings();
    }

    public IncrementRepository increments() {
        return increments;
    }

    public Path dir() {
        return config.projectDir();
    }

    public MetadataStore metadata(Increment increment) {
        return new MetadataStore(config.specweaveDir(), increment);
    }
}
