package io.entrascim.contracts;

/**
 * Kafka topic names, one per hop. Every record on them is keyed by the Entra object id so that all
 * events of one object land in one partition and stay ordered. The {@code .v1} suffix is the
 * contract generation: an incompatible change of a record gets a new topic, not a silent reshape.
 */
public final class Topics {
    /** source-connector -> mapper-service: {@link ChangeEvent}. */
    public static final String CHANGES = "entra.changes.v1";
    /** source-connector -> audit-service: {@link CycleMarker} (cycle start/end with counts). */
    public static final String CYCLES = "entra.cycles.v1";
    /** mapper-service -> scim-sink: {@link ProvisioningCommand}. */
    public static final String COMMANDS = "scim.commands.v1";
    /** every service -> audit-service: {@link ProvisioningResult}. */
    public static final String RESULTS = "provisioning.results.v1";

    private Topics() {
    }

    /** The dead-letter topic kept beside {@code topic}: malformed or permanently failed records, never dropped. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlt";
    }
}
