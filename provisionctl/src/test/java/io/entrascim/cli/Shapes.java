package io.entrascim.cli;

/**
 * Answers shaped exactly as the real controllers produce them (records serialized by Jackson 3 with Spring Boot's
 * defaults: component names, enum names, ISO instants, nulls included). Sources:
 * source-connector OperatorController + SyncEngine.status(); scim-sink DeadLetterController, ConnectionController,
 * DeletionController, StateController, OperatorTokenFilter; audit-service ProvisioningLogController, SummaryController (LogPage, ChangeDetail, Counts,
 * CycleProgress, ReplayOutcome) and Spring's error body for 401/403.
 */
final class Shapes {

    private Shapes() {
    }

    static final String HEALTH_UP = "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}";
    static final String HEALTH_DOWN = "{\"status\":\"DOWN\"}";

    // source-connector GET /api/status (SyncEngine.status(); lastCycle = SyncEngine.CycleReport)
    static final String SOURCE_STATUS_RUNNING = """
            {"paused":false,"running":true,"currentCycleId":"cyc-init-1","phase":"USERS","currentOrigin":"INITIAL",
             "emittedInCycle":450,"pagesInCycle":5,"hasWatermark":false,"syncScope":"assigned","assignments":3,
             "knownUsers":450,"knownGroups":0,"graphRequests":7,"graphRetries":0,
             "lastCycle":{"cycleId":"cyc-0","origin":"INCREMENTAL","outcome":"COMPLETED","emittedEvents":12,"pagesRead":2,
                          "resyncs":0,"finishedAt":"2026-11-28T09:00:00Z","duration":"PT1.5S","error":null}}""";

    static final String SOURCE_STATUS_PAUSED = """
            {"paused":true,"running":false,"currentCycleId":null,"phase":"IDLE","currentOrigin":null,"emittedInCycle":0,
             "pagesInCycle":0,"hasWatermark":true,"syncScope":"assigned","assignments":3,"knownUsers":10,"knownGroups":2,
             "graphRequests":7,"graphRetries":0,"lastCycle":null}""";

    static String counts(long success, long failure) {
        return "{\"total\":" + (success + failure) + ",\"byStatus\":{\"FAILURE\":" + failure + ",\"SUCCESS\":" + success + "},"
                + "\"byAction\":{\"CREATE\":" + (success + failure) + "},\"byActionAndStatus\":["
                + "{\"action\":\"CREATE\",\"status\":\"FAILURE\",\"count\":" + failure + "},"
                + "{\"action\":\"CREATE\",\"status\":\"SUCCESS\",\"count\":" + success + "}]}";
    }

    // audit-service GET /api/cycles/current: {"current": CycleProgress, "lastSuccessful": CycleProgress}
    static String cyclesCurrent(String startedAt) {
        return """
                {"current":{"cycleId":"cyc-init-1","origin":"INITIAL","phase":"PROGRESS","startedAt":"%s",
                   "lastMarkerAt":"%s","completedAt":null,"expectedObjects":1000,"emittedEvents":450,"pagesRead":5,
                   "processedObjects":450,"percentComplete":45.0,"counts":%s,"detail":null},
                 "lastSuccessful":{"cycleId":"cyc-0","origin":"INCREMENTAL","phase":"COMPLETED",
                   "startedAt":"2026-11-28T08:59:58Z","lastMarkerAt":"2026-11-28T09:00:00Z","completedAt":"2026-11-28T09:00:00Z",
                   "expectedObjects":12,"emittedEvents":12,"pagesRead":2,"processedObjects":12,"percentComplete":100.0,
                   "counts":%s,"detail":null}}""".formatted(startedAt, startedAt, counts(448, 2), counts(12, 0));
    }

    static String deadLetterItem(String commandId, String sourceId, String resultId) {
        return """
                {"commandId":"%s","sourceObjectId":"%s","operation":"UPSERT","errorClass":"permanent",
                 "errorCode":"SystemForCrossDomainIdentityManagementBadRequest","reason":"400 invalidValue: userName",
                 "httpStatus":400,"attempts":1,"firstFailureAt":"2026-11-28T09:10:00Z","lastFailureAt":"2026-11-28T09:10:00Z",
                 "topic":"scim.commands.v1","partition":0,"offset":42,"resultId":"%s"}""".formatted(commandId, sourceId, resultId);
    }

    static String deadLetters(String... items) {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }

    static String sinkReplay(boolean dryRun, String... items) {
        return "{\"dryRun\":" + dryRun + ",\"matched\":" + items.length + ",\"replayed\":" + (dryRun ? 0 : items.length)
                + ",\"items\":[" + String.join(",", items) + "]}";
    }

    static final String SINK_401 = "{\"error\":\"operator token required: Authorization: Bearer <sink.api.operator-token>\"}";

    static String spring401(String path) {
        return "{\"timestamp\":\"2026-11-28T10:00:00.000+00:00\",\"status\":401,\"error\":\"Unauthorized\",\"path\":\"" + path + "\"}";
    }

    static String spring403(String path) {
        return "{\"timestamp\":\"2026-11-28T10:00:00.000+00:00\",\"status\":403,\"error\":\"Forbidden\",\"path\":\"" + path + "\"}";
    }

    // audit-service LogEntry
    static String logEntry(String id, String changeId, String status, String action, String sourceId, String name, String errorCode) {
        String error = errorCode == null ? "null" : "{\"errorCode\":\"" + errorCode + "\",\"reason\":\"400 invalidValue\","
                + "\"additionalDetails\":null,\"errorCategory\":\"nonServiceFailure\",\"recommendedAction\":\"fix the mapping\"}";
        return """
                {"id":"%s","activityDateTime":"2026-11-28T09:10:00Z","changeId":"%s","cycleId":"cyc-0","jobId":"scim.tanium-sso",
                 "action":"%s","status":"%s","durationInMilliseconds":12,"reportedBy":"SCIM_SINK","origin":"INCREMENTAL",
                 "sourceIdentity":{"id":"%s","displayName":"%s","identityType":"User"},
                 "targetIdentity":{"id":"scim-77","displayName":"%s","identityType":"User"},"error":%s,"replayOf":null}"""
                .formatted(id, changeId, action, status, sourceId, name, name, error);
    }

    static String logPage(String nextCursor, String... entries) {
        return "{\"items\":[" + String.join(",", entries) + "],\"nextCursor\":" + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    // contracts ProvisioningResult as the audit-service returns it inside ChangeDetail
    static String mapperResult(String id, String changeId, String sourceId, String status) {
        String scoping = status.equals("SKIPPED")
                ? "{\"name\":\"EntrySynchronizationScoping\",\"type\":\"SCOPING\",\"status\":\"SKIPPED\",\"description\":\"out of scope\","
                + "\"details\":{\"ScopingFilter\":\"department EQUALS Sales: was Finance\"}},"
                + "{\"name\":\"EntrySynchronizationSkipped\",\"type\":\"PROCESSING\",\"status\":\"SKIPPED\",\"description\":\"Skipped: out of scope\",\"details\":{}}"
                : "{\"name\":\"EntrySynchronizationScoping\",\"type\":\"SCOPING\",\"status\":\"SUCCESS\",\"description\":\"in scope\",\"details\":{}},"
                + "{\"name\":\"EntrySynchronizationUpsert\",\"type\":\"PROCESSING\",\"status\":\"SUCCESS\",\"description\":\"Upsert command\",\"details\":{}}";
        return """
                {"schemaVersion":1,"id":"%s","changeId":"%s","cycleId":"od-1","jobId":"scim.tanium-sso",
                 "activityDateTime":"2026-11-28T10:00:01Z","durationInMilliseconds":3,"action":"%s","status":"%s",
                 "reportedBy":"MAPPER_SERVICE","origin":"ON_DEMAND",
                 "sourceIdentity":{"id":"%s","displayName":"alice@contoso.com","identityType":"User"},
                 "targetIdentity":{"id":null,"displayName":"alice@contoso.com","identityType":"User"},
                 "steps":[{"name":"EntryImport","type":"IMPORT","status":"SUCCESS","description":"Imported User %s","details":{}},%s],
                 "modifiedProperties":[],"error":null,"replayOf":null}"""
                .formatted(id, changeId, status.equals("SKIPPED") ? "OTHER" : "CREATE", status, sourceId, sourceId, scoping);
    }

    static String sinkResult(String id, String changeId, String sourceId, String status) {
        String error = status.equals("FAILURE")
                ? "{\"errorCode\":\"SystemForCrossDomainIdentityManagementBadRequest\",\"reason\":\"400 invalidValue: userName\","
                + "\"additionalDetails\":\"POST /Users\",\"errorCategory\":\"nonServiceFailure\",\"recommendedAction\":\"fix userName\"}"
                : "null";
        return """
                {"schemaVersion":1,"id":"%s","changeId":"%s","cycleId":"od-1","jobId":"scim.tanium-sso",
                 "activityDateTime":"2026-11-28T10:00:02Z","durationInMilliseconds":40,"action":"CREATE","status":"%s",
                 "reportedBy":"SCIM_SINK","origin":"ON_DEMAND",
                 "sourceIdentity":{"id":"%s","displayName":"alice@contoso.com","identityType":"User"},
                 "targetIdentity":{"id":"scim-77","displayName":"alice@contoso.com","identityType":"User"},
                 "steps":[{"name":"EntryImportMatch","type":"MATCHING","status":"SUCCESS","description":"no user with userName alice@contoso.com","details":{"matchedBy":"userName"}},
                          {"name":"EntryExportAdd","type":"EXPORT","status":"%s","description":"POST /Users","details":{}}],
                 "modifiedProperties":[{"displayName":"userName","oldValue":null,"newValue":"alice@contoso.com"},
                                       {"displayName":"active","oldValue":null,"newValue":"True"}],
                 "error":%s,"replayOf":null}"""
                .formatted(id, changeId, status, sourceId, status, error);
    }

    /** A sink result for command {@code index} of {@code count} of a change, starting with the mapper's decision steps. */
    static String sinkResultOfCommand(String id, String changeId, String sourceId, int index, int count) {
        String decision = ("{\"name\":\"EntryImport\",\"type\":\"IMPORT\",\"status\":\"SUCCESS\",\"description\":\"Imported\",\"details\":{}},"
                + "{\"name\":\"EntrySynchronizationAddMembers\",\"type\":\"PROCESSING\",\"status\":\"SUCCESS\",\"description\":\"Add\","
                + "\"details\":{\"commandIndex\":\"%d\",\"commandCount\":\"%d\"}},").formatted(index, count);
        return sinkResult(id, changeId, sourceId, "SUCCESS").replace("\"steps\":[", "\"steps\":[" + decision);
    }

    /** A mapper result that skipped the change and says how many commands the change made besides. */
    static String mapperSkippedWithCommands(String id, String changeId, String sourceId, int commands) {
        return mapperResult(id, changeId, sourceId, "SKIPPED").replace("\"description\":\"Skipped: out of scope\",\"details\":{}",
                "\"description\":\"Skipped: out of scope\",\"details\":{\"commandCount\":\"" + commands + "\"}");
    }

    /** audit-service ChangeDetail: {"changeId", "results":[{"result", "replayOf", "replayedBy"}]} */
    static String changeDetail(String changeId, String... results) {
        StringBuilder b = new StringBuilder("{\"changeId\":\"" + changeId + "\",\"results\":[");
        for (int i = 0; i < results.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"result\":").append(results[i]).append(",\"replayOf\":null,\"replayedBy\":[]}");
        }
        return b.append("]}").toString();
    }

    // source-connector POST /api/provision-on-demand
    static String onDemand(String eventId, String objectId) {
        return """
                {"eventId":"%s","cycleId":"od-1","objectType":"USER","objectId":"%s","kind":"UPSERT",
                 "assignment":{"assigned":true,"appRoleAssignments":[]},"attributes":{"userPrincipalName":"alice@contoso.com"},
                 "members":0}""".formatted(eventId, objectId);
    }

    static final String CONNECTION_OK = """
            {"ok":true,"httpStatus":200,"message":"Connected to http://127.0.0.1:8091/scim/v2: GET /Users with a userName filter answered 200 with an empty ListResponse","warnings":[],"durationMs":12}""";

    static final String CONNECTION_401 = """
            {"ok":false,"httpStatus":401,"message":"401 Unauthorized: the target rejected the bearer token. Paste the full Secret Token again (sink.scim.token); Tanium tokens start with 'token-'.","warnings":["The token does not start with the 'token-' prefix Tanium issues"],"durationMs":8}""";

    // scim-sink GET /api/deletions (DeletionController.Listing) and POST /api/deletions/allow|reject (Decision)
    static String deletionItem(String commandId, String sourceId) {
        return """
                {"commandId":"%s","sourceObjectId":"%s","objectType":"USER","operation":"DISABLE","cycleId":"cyc-9",
                 "changeId":"ch-%s","reason":"501 disables/deletes in cycle cyc-9 exceed the threshold of 500",
                 "stagedAt":"2026-11-28T11:00:00Z","topic":"scim.commands.v1","partition":1,"offset":77}"""
                .formatted(commandId, sourceId, commandId);
    }

    static String deletionsListing(boolean tripped, String... items) {
        return """
                {"guard":{"enabled":true,"threshold":500,"window":"PT1H","state":"%s","reason":%s,"trippedAt":%s,
                  "windowCount":%d,"cycleCounts":{"cyc-9":%d}},"held":%d,"items":[%s]}"""
                .formatted(tripped ? "TRIPPED" : "COUNTING",
                        tripped ? "\"501 disables/deletes in cycle cyc-9 exceed the threshold of 500\"" : "null",
                        tripped ? "\"2026-11-28T11:00:00Z\"" : "null", tripped ? 501 : 3, tripped ? 501 : 3, items.length,
                        String.join(",", items));
    }

    static String deletionDecision(String decision, String... items) {
        return "{\"decision\":\"" + decision + "\",\"processed\":" + items.length + ",\"items\":[" + String.join(",", items) + "]}";
    }

    // scim-sink StateController.State: GET /api/state and the answer of POST /api/pause, /api/resume,
    // /api/quarantine/release (quarantine = QuarantineView or null, deletionGuard = GuardView; reasons as Quarantine
    // and DeletionGuard word them)
    static final String QUARANTINE_401 = """
            {"reason":"EncounteredQuarantineException: the target rejected the credentials (HTTP 401); check sink.scim.token and the token's rights",
             "since":"2026-11-28T11:00:00Z","nextAttempt":"2026-11-28T11:05:00Z","seriesCount":1}""";

    static String sinkState(String provisioning, String quarantine, boolean guardTripped, long deadLetters, String... pausedBy) {
        String guard = guardTripped
                ? """
                {"enabled":true,"threshold":500,"window":"PT1H","state":"TRIPPED",
                 "reason":"TooManyDeletes: 500 disables/deletes in cycle cyc-9 reached the threshold 500",
                 "trippedAt":"2026-11-28T11:00:00Z","windowCount":500,"held":1}"""
                : """
                {"enabled":true,"threshold":500,"window":"PT1H","state":"COUNTING","reason":null,"trippedAt":null,
                 "windowCount":3,"held":0}""";
        StringBuilder by = new StringBuilder();
        for (String b : pausedBy) {
            by.append(by.isEmpty() ? "" : ",").append('"').append(b).append('"');
        }
        return "{\"provisioning\":\"" + provisioning + "\",\"quarantine\":" + (quarantine == null ? "null" : quarantine)
                + ",\"deletionGuard\":" + guard + ",\"deadLetters\":" + deadLetters + ",\"pausedBy\":[" + by + "]}";
    }

    // audit-service GET /api/pipeline/lag (measured with a Kafka AdminClient outside the consumers)
    static final String PIPELINE_LAG = """
            {"measuredAt":"2026-11-28T12:00:00Z","groups":[
              {"group":"mapper-service","topic":"entra.changes.v1","lag":5,
               "partitions":[{"partition":0,"committed":10,"end":15,"lag":5}]},
              {"group":"scim-sink","topic":"scim.commands.v1","lag":123,
               "partitions":[{"partition":0,"committed":0,"end":100,"lag":100},{"partition":1,"committed":7,"end":30,"lag":23}]},
              {"group":"audit-service","topic":"provisioning.results.v1","lag":0,
               "partitions":[{"partition":0,"committed":40,"end":40,"lag":0}]},
              {"group":"audit-service","topic":"entra.cycles.v1","lag":0,
               "partitions":[{"partition":0,"committed":3,"end":3,"lag":0}]}]}""";

    /** The same answer while Kafka cannot be reached: audit-service's LagReport puts the error on every group. */
    static final String PIPELINE_LAG_KAFKA_DOWN = """
            {"measuredAt":"2026-11-28T12:00:00Z","groups":[
              {"group":"mapper-service","topic":"entra.changes.v1","error":"Kafka unreachable: no answer within PT5S"},
              {"group":"scim-sink","topic":"scim.commands.v1","error":"Kafka unreachable: no answer within PT5S"},
              {"group":"audit-service","topic":"provisioning.results.v1","error":"Kafka unreachable: no answer within PT5S"},
              {"group":"audit-service","topic":"entra.cycles.v1","error":"Kafka unreachable: no answer within PT5S"}]}""";

    /** The contract's other wording: one error string for the whole answer. */
    static final String PIPELINE_LAG_TOP_LEVEL_ERROR = """
            {"measuredAt":"2026-11-28T12:00:00Z","error":"Kafka error: TimeoutException: Timed out waiting for a node assignment"}""";

    /** Kafka reachable but one group's offsets could not be read: the error in that group only. */
    static final String PIPELINE_LAG_ONE_GROUP_FAILED = """
            {"measuredAt":"2026-11-28T12:00:00Z","groups":[
              {"group":"mapper-service","topic":"entra.changes.v1","lag":5,
               "partitions":[{"partition":0,"committed":10,"end":15,"lag":5}]},
              {"group":"scim-sink","topic":"scim.commands.v1","error":"topic scim.commands.v1 does not exist"}]}""";

    // scim-sink POST /api/restart?scope=escrows
    static final String ESCROWS_RESTARTED = "{\"scope\":\"escrows\",\"retried\":5,\"resolved\":3,\"stillParked\":1,\"dropped\":1}";

    /**
     * The sink's state while an operator pause is stored ({@code operatorPause}: who, why, since; kept across a
     * restart of the sink).
     */
    static String sinkStatePausedByOperator(String by, String reason, String since) {
        String state = sinkState("PAUSED", null, false, 0, "OPERATOR");
        String pause = "{\"by\":" + quoted(by) + ",\"reason\":" + quoted(reason) + ",\"since\":" + quoted(since) + "}";
        return state.substring(0, state.length() - 1) + ",\"operatorPause\":" + pause + "}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
