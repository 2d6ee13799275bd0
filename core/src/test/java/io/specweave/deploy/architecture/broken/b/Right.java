package io.specweave.deploy.architecture.broken.b;

import io.specweave.deploy.architecture.broken.a.Left;

/** The other half of the package cycle {@code LayeringTest} must catch. */
public final class Right {

    Left left;
}
