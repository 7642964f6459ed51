package io.entrascim.audit.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.entrascim.audit.store.LogFilter;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ReportingService;

/**
 * Filter parameters as they arrive (query string, or the {@code filter} object of a replay request).
 *
 * @param from         ISO instant (inclusive), or an ISO duration meaning "that long ago" (e.g. {@code P7D}, {@code PT24H})
 * @param to           ISO instant (exclusive)
 * @param status       comma-separated: success, failure, skipped, warning
 * @param action       comma-separated: create, update, delete, disable, stagedDelete, other
 * @param objectType   User or Group
 * @param sourceId     Entra object id
 * @param targetId     SCIM resource id
 * @param namePrefix   userPrincipalName / displayName starts with (case-insensitive)
 * @param nameContains userPrincipalName / displayName contains (case-insensitive)
 * @param cycleId      cycle id
 * @param changeId     change id
 * @param errorCode    error code
 * @param jobId        job id
 * @param reportedBy   source_connector, mapper_service, scim_sink, audit_service
 */
public record LogQueryParams(String from, String to, String status, String action, String objectType, String sourceId,
                             String targetId, String namePrefix, String nameContains, String cycleId, String changeId,
                             String errorCode, String jobId, String reportedBy) {

    /** @throws IllegalArgumentException naming the parameter and the accepted values */
    public LogFilter toFilter(Clock clock) {
        return new LogFilter(time("from", from, clock), time("to", to, clock),
                enums("status", status, ProvisioningStatus.class), enums("action", action, ProvisioningAction.class),
                parsedObjectType(), blankToNull(sourceId), blankToNull(targetId), blankToNull(namePrefix),
                blankToNull(nameContains), blankToNull(cycleId), blankToNull(changeId), blankToNull(errorCode),
                blankToNull(jobId), reportedBy == null || reportedBy.isBlank() ? null
                        : single("reportedBy", reportedBy, ReportingService.class));
    }

    private String parsedObjectType() {
        String t = blankToNull(objectType);
        if (t == null) {
            return null;
        }
        if (!t.equalsIgnoreCase("user") && !t.equalsIgnoreCase("group")) {
            throw new IllegalArgumentException("objectType: expected User or Group, got '" + t + "'");
        }
        return t;
    }

    static Instant time(String name, String value, Clock clock) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return clock.instant().minus(Duration.parse(v));
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": expected an ISO-8601 instant (2026-01-31T00:00:00Z) "
                    + "or a duration back from now (P7D, PT24H), got '" + v + "'");
        }
    }

    static <E extends Enum<E>> Set<E> enums(String name, String value, Class<E> type) {
        String v = blankToNull(value);
        if (v == null) {
            return Set.of();
        }
        Set<E> result = EnumSet.noneOf(type);
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                result.add(single(name, part, type));
            }
        }
        return result;
    }

    /** Accepts the enum name in any case, with or without underscores (so Graph's {@code stagedDelete} works). */
    static <E extends Enum<E>> E single(String name, String value, Class<E> type) {
        String wanted = normalize(value);
        for (E e : type.getEnumConstants()) {
            if (normalize(e.name()).equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name + ": '" + value.trim() + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String normalize(String s) {
        return s.trim().replace("_", "").toLowerCase(Locale.ROOT);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
