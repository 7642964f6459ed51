package io.entrascim.audit.web;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.audit.store.Counts;
import io.entrascim.audit.store.CycleProgress;
import io.entrascim.audit.store.CycleProgressReader;
import io.entrascim.audit.store.FailureGroup;
import io.entrascim.audit.store.LogFilter;
import io.entrascim.audit.store.MalformedRecordStore;
import io.entrascim.audit.store.SummaryRepository;
import io.entrascim.audit.store.TimelineBucket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Provisioning summary, cycle progress, failures by error code, malformed records. */
@Tag(name = "summaries", description = "Counts, cycle progress and failure groups (READER)")
@RestController
class SummaryController {

    private final SummaryRepository summaries;
    private final CycleProgressReader cycles;
    private final MalformedRecordStore malformed;
    private final Clock clock = Clock.systemUTC();

    SummaryController(SummaryRepository summaries, CycleProgressReader cycles, MalformedRecordStore malformed) {
        this.summaries = summaries;
        this.cycles = cycles;
        this.malformed = malformed;
    }

    @Operation(summary = "Counts by action and status of the filtered log (e.g. one cycle, or a time window)")
    @GetMapping("/api/summary")
    Counts counts(@ModelAttribute LogQueryParams filter) {
        return summaries.counts(filter.toFilter(clock));
    }

    @Operation(summary = "Failures grouped by error code, largest first, with the newest examples")
    @GetMapping("/api/summary/failures")
    List<FailureGroup> failures(@ModelAttribute LogQueryParams filter, @RequestParam(defaultValue = "3") int examples) {
        if (examples < 0 || examples > 20) {
            throw new IllegalArgumentException("examples: must be between 0 and 20, got " + examples);
        }
        return summaries.failuresByErrorCode(filter.toFilter(clock), examples);
    }

    @Operation(summary = "Counts by action and status per time window (bucket = ISO duration, at least PT1M)")
    @GetMapping("/api/summary/timeline")
    List<TimelineBucket> timeline(@ModelAttribute LogQueryParams filter, @RequestParam(defaultValue = "PT1H") String bucket) {
        Duration size;
        try {
            size = Duration.parse(bucket);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bucket: expected an ISO-8601 duration such as PT1H, got '" + bucket + "'");
        }
        if (size.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("bucket: must be at least PT1M, got " + bucket);
        }
        LogFilter f = filter.toFilter(clock);
        if (f.from() == null) {
            throw new IllegalArgumentException("from: required for a timeline (e.g. from=P7D)");
        }
        return summaries.timeline(f, size);
    }

    @Operation(summary = "The cycle reporting last (progress: processed of expected) and the last successful cycle")
    @GetMapping("/api/cycles/current")
    Map<String, CycleProgress> current() {
        Map<String, CycleProgress> body = new HashMap<>();
        body.put("current", cycles.current().orElse(null));
        body.put("lastSuccessful", cycles.lastSuccessful().orElse(null));
        return body;
    }

    @Operation(summary = "The most recent cycles with their progress, newest first")
    @GetMapping("/api/cycles")
    List<CycleProgress> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit: must be between 1 and 200, got " + limit);
        }
        return cycles.recent(limit);
    }

    @Operation(summary = "Progress of one cycle")
    @GetMapping("/api/cycles/{cycleId}")
    ResponseEntity<CycleProgress> cycle(@PathVariable String cycleId) {
        return ResponseEntity.of(cycles.of(cycleId));
    }

    @Operation(summary = "Records that could not be read, newest first, with their raw value and reason")
    @GetMapping("/api/malformed-records")
    List<Map<String, Object>> malformed(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: must be between 1 and 1000, got " + limit);
        }
        return malformed.recent(limit);
    }

    @Operation(summary = "Who the presented token belongs to and its roles (the web page shows the replay button by it)")
    @GetMapping("/api/me")
    Map<String, Object> me(Authentication who) {
        return Map.of("name", who.getName(), "roles", who.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", "")).sorted().toList());
    }
}
