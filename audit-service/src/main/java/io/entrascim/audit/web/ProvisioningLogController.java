package io.entrascim.audit.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.entrascim.audit.AuditProperties;
import io.entrascim.audit.replay.ReplayOutcome;
import io.entrascim.audit.replay.ReplayService;
import io.entrascim.audit.store.ChangeDetail;
import io.entrascim.audit.store.Cursor;
import io.entrascim.audit.store.LogFilter;
import io.entrascim.audit.store.LogPage;
import io.entrascim.audit.store.LogQueryRepository;
import io.entrascim.audit.store.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The provisioning log: list with filters and cursor paging, change detail, streamed export, replay. */
@Tag(name = "provisioning-logs", description = "Query, export and replay the provisioning log (READER; replay: OPERATOR)")
@RestController
@RequestMapping("/api/provisioning-logs")
class ProvisioningLogController {

    private final LogQueryRepository log;
    private final ReplayService replay;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();

    ProvisioningLogController(LogQueryRepository log, ReplayService replay, AuditProperties properties) {
        this.log = log;
        this.replay = replay;
        this.properties = properties;
    }

    @Operation(summary = "List log entries, newest first by default",
            description = "All filters combine with AND. Page with the returned nextCursor (keyset on activity time and id).")
    @GetMapping
    LogPage list(@ModelAttribute LogQueryParams filter,
                 @Parameter(description = "asc or desc (by activityDateTime)") @RequestParam(defaultValue = "desc") String sort,
                 @Parameter(description = "page size, 1..audit.query.max-page-size") @RequestParam(defaultValue = "50") int limit,
                 @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        int max = properties.query().maxPageSize();
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit: must be between 1 and " + max + ", got " + limit);
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return log.page(filter.toFilter(clock), sort(sort), limit, after);
    }

    @Operation(summary = "All results of one change, with steps, modified properties and replay links both ways")
    @GetMapping("/{changeId}")
    ResponseEntity<ChangeDetail> change(@PathVariable String changeId) {
        return ResponseEntity.of(log.change(changeId));
    }

    @Operation(summary = "Export the filtered log, streamed", description = "format=csv (no steps/modified properties, "
            + "like the portal's ProvisioningLogs file) or format=jsonl (each full record on one line)")
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute LogQueryParams filter,
                                                 @RequestParam(defaultValue = "csv") String format,
                                                 @RequestParam(defaultValue = "asc") String sort) {
        LogFilter f = filter.toFilter(clock);
        SortOrder order = sort(sort);
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "jsonl", "json", "ndjson" -> false;
            default -> throw new IllegalArgumentException("format: expected csv or jsonl, got '" + format + "'");
        };
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            log.export(f, order, csv ? new CsvExport(writer) : new JsonLinesExport(writer));
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"provisioning-logs." + (csv ? "csv" : "jsonl") + "\"")
                .body(body);
    }

    @Operation(summary = "Replay failures through scim-sink's dead-letter replay (OPERATOR)",
            description = "Give resultIds (failure entries) or a filter (status is forced to failure). The replayed "
                    + "outcome arrives later as a result whose replayOf is the failure's id.")
    @PostMapping("/replay")
    ReplayOutcome replay(@RequestBody ReplayRequest request, Authentication who) {
        LogFilter filter = request.filter() == null ? null : request.filter().toFilter(clock);
        return replay.replay(request.resultIds(), filter, Boolean.TRUE.equals(request.dryRun()), who.getName());
    }

    /**
     * @param resultIds failure result ids to replay
     * @param filter    used when resultIds is empty
     * @param dryRun    only ask the sink what would be replayed
     */
    record ReplayRequest(List<String> resultIds, LogQueryParams filter, Boolean dryRun) {
    }

    private static SortOrder sort(String sort) {
        return switch (sort.toLowerCase(Locale.ROOT)) {
            case "asc" -> SortOrder.ASC;
            case "desc" -> SortOrder.DESC;
            default -> throw new IllegalArgumentException("sort: expected asc or desc, got '" + sort + "'");
        };
    }
}
