// Signature of google/guava (v33.5.0, as Jenkins 2.541.3 bundles it) guava/src/com/google/common/util/concurrent/FutureCallback.java
// (StepContext implements it)
package com.google.common.util.concurrent;

public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
