package io.entrascim.contracts.outside;

/** A record of another package: {@code RecordCodec} leaves it to Jackson. */
public record OutsideRecord(String name) {
}
