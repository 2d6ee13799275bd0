package io.specweave.deploy.app;

/**
 * A URL an operation checks, with where it was read: a field of a record in {@code metadata.json}, a
 * setting of the config, or an input. A bad one is reported as that field's, the one the user can fix.
 *
 * @param url     the URL as written there
 * @param setting how messages name where it was read: text such as
 *                {@code .specweave/increments/0018/metadata.json: deployments.prod.deploymentUrl}, or an
 *                {@link io.specweave.deploy.Input}, which each front end names its own way
 */
record SourcedUrl(String url, Object setting) {

    /** {@code url} read from {@code setting}; null when there is no URL. */
    static SourcedUrl of(String url, Object setting) {
        return url == null ? null : new SourcedUrl(url, setting);
    }
}
