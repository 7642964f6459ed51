package io.entrascim.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Checks of option values the services would reject (or, worse, silently match nothing with), done before any call
 * so that a typo is a usage error naming the CLI's own option (exit 2), not a 400 naming the API's parameter or an
 * "unreachable" from a service that was never needed. The rules mirror the services' own parsing.
 */
final class Flags {

    private Flags() {
    }

    /** An ISO-8601 instant or an ISO duration back from now ({@code P7D}, {@code PT1H}), as audit-service parses them. */
    static void instantOrDuration(String option, String value) throws OperatorCommand.UsageException {
        if (value == null) {
            return;
        }
        String v = value.trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration.parse(v);
            } else {
                Instant.parse(v);
            }
        } catch (DateTimeParseException e) {
            throw new OperatorCommand.UsageException(option + " must be an ISO-8601 instant such as 2026-11-28T00:00:00Z or a "
                    + "duration back from now such as P7D or PT1H, was '" + value + "'");
        }
    }

    /** An ISO-8601 instant only (scim-sink's replay filters take no durations). */
    static void instant(String option, String value) throws OperatorCommand.UsageException {
        if (value == null) {
            return;
        }
        try {
            Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new OperatorCommand.UsageException(option + " must be an ISO-8601 instant such as 2026-11-28T00:00:00Z, was '"
                    + value + "'");
        }
    }

    /**
     * Each comma-separated part of {@code value} is one of {@code allowed}, compared as audit-service compares enum
     * names: any case, underscores ignored (so {@code stagedDelete} and {@code staged_delete} both pass).
     */
    static void oneOf(String option, String value, boolean commaSeparated, String... allowed) throws OperatorCommand.UsageException {
        if (value == null) {
            return;
        }
        List<String> parts = commaSeparated ? List.of(value.split(",")) : List.of(value);
        for (String part : parts) {
            if (part.isBlank() && commaSeparated) {
                continue;
            }
            boolean known = false;
            for (String a : allowed) {
                known |= normalize(a).equals(normalize(part));
            }
            if (!known) {
                throw new OperatorCommand.UsageException(option + " must be " + (commaSeparated ? "a comma-separated list of " : "one of ")
                        + String.join(", ", allowed) + ", was '" + part.trim() + "'");
            }
        }
    }

    static void range(String option, Integer value, int min, int max) throws OperatorCommand.UsageException {
        if (value != null && (value < min || value > max)) {
            throw new OperatorCommand.UsageException(option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    static void atLeast(String option, Integer value, int min) throws OperatorCommand.UsageException {
        if (value != null && value < min) {
            throw new OperatorCommand.UsageException(option + " must be at least " + min + ", was " + value);
        }
    }

    private static String normalize(String s) {
        return s.trim().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
