// Signature of google/guava (the version Jenkins 2.479 bundles) guava/src/com/google/common/util/concurrent/FutureCallback.java
// (StepContext implements it)
package com.google.common.util.concurrent;

public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
