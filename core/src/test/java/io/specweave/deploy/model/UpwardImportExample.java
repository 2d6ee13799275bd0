package io.specweave.deploy.model;

import io.specweave.deploy.app.Operations;

/** A model class importing the application layer, for {@code LayeringTest} to refuse; test code only. */
final class UpwardImportExample {

    Operations operations;
}
