package io.entrascim.audit.store;

/** A row streamed to an export: the listed fields and the record as received. */
public record ExportRow(LogEntry entry, String rawPayload) {
}
