package io.entrascim.contracts;

/** Which service emitted a result. */
public enum ReportingService {
    SOURCE_CONNECTOR, MAPPER_SERVICE, SCIM_SINK, AUDIT_SERVICE
}
