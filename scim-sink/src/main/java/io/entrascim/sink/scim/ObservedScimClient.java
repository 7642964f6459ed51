package io.entrascim.sink.scim;

import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.function.Supplier;

/** Reports each request's status and latency to a {@link CallObserver}; sits below the retry loop. */
public final class ObservedScimClient implements ScimClient {

    private final ScimClient delegate;
    private final CallObserver observer;

    public ObservedScimClient(ScimClient delegate, CallObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public ScimResponse get(ResourceKind kind, String id) {
        return observed("get", kind, () -> delegate.get(kind, id));
    }

    @Override
    public ScimResponse findEq(ResourceKind kind, String attribute, String value) {
        return observed("find", kind, () -> delegate.findEq(kind, attribute, value));
    }

    @Override
    public ScimResponse create(ResourceKind kind, ObjectNode resource) {
        return observed("create", kind, () -> delegate.create(kind, resource));
    }

    @Override
    public ScimResponse patch(ResourceKind kind, String id, ObjectNode patchOp) {
        return observed("patch", kind, () -> delegate.patch(kind, id, patchOp));
    }

    @Override
    public ScimResponse delete(ResourceKind kind, String id) {
        return observed("delete", kind, () -> delegate.delete(kind, id));
    }

    private ScimResponse observed(String operation, ResourceKind kind, Supplier<ScimResponse> call) {
        long start = System.nanoTime();
        int status = CallObserver.NO_RESPONSE;
        try {
            ScimResponse r = call.get();
            status = r.status();
            return r;
        } catch (ScimHttpException e) {
            status = e.status();
            throw e;
        } finally {
            observer.observe(operation, kind, status, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
