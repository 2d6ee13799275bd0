package io.specweave.deploy.http;

/** Hears about waits between attempts; front ends print each as a progress line. */
@FunctionalInterface
public interface HttpListener {

    HttpListener NONE = wait -> {
    };

    void waiting(HttpWait wait);
}
