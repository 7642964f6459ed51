package io.entrascim.sink.scim;

import tools.jackson.databind.node.ObjectNode;

/**
 * Port to a SCIM 2.0 service provider. Every method either returns a 2xx answer or throws
 * {@link ScimHttpException} (status, scimType, detail, Retry-After) or {@link ScimTransportException}.
 */
public interface ScimClient {

    /** {@code GET /Users/{id}} (groups without their member list). */
    ScimResponse get(ResourceKind kind, String id);

    /** {@code GET /Users?filter=<attribute> eq "<value>"} with the value escaped; the body is a ListResponse. */
    ScimResponse findEq(ResourceKind kind, String attribute, String value);

    /** {@code POST /Users}. */
    ScimResponse create(ResourceKind kind, ObjectNode resource);

    /** {@code PATCH /Users/{id}} with a PatchOp body. */
    ScimResponse patch(ResourceKind kind, String id, ObjectNode patchOp);

    /** {@code DELETE /Users/{id}}. */
    ScimResponse delete(ResourceKind kind, String id);
}
