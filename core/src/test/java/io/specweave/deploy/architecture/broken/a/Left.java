package io.specweave.deploy.architecture.broken.a;

import io.specweave.deploy.architecture.broken.b.Right;

/** Half of a package cycle that {@code LayeringTest} must catch; test code only, never imported by the real check. */
public final class Left {

    Right right;
}
