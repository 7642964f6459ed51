package io.entrascim.source;

import io.entrascim.contracts.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints: trigger, restart, provision on demand, pause/resume, status. */
@RestController
@RequestMapping("/api")
class OperatorController {

    /** Body of provision on demand: one of the two. */
    record OnDemandRequest(String id, String userPrincipalName) {
    }

    private final SyncEngine engine;
    private final CycleScheduler scheduler;

    OperatorController(SyncEngine engine, CycleScheduler scheduler) {
        this.engine = engine;
        this.scheduler = scheduler;
    }

    @PostMapping("/cycles/trigger")
    ResponseEntity<Map<String, Object>> trigger() {
        if (engine.paused()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("accepted", false,
                    "reason", "the connector is paused: POST /api/resume first"));
        }
        boolean queued = scheduler.trigger();
        return ResponseEntity.accepted().body(Map.of("accepted", true, "alreadyQueued", !queued));
    }

    /**
     * Graph change-notification target: answers the subscription validation handshake (echo {@code validationToken}
     * as text/plain) and otherwise treats any notification as "something changed", triggering an incremental
     * cycle. Delta stays the data feed; the notification only says when to read it.
     */
    @PostMapping("/graph-notifications")
    ResponseEntity<?> graphNotification(@RequestParam(required = false) String validationToken) {
        if (validationToken != null) {
            return ResponseEntity.ok().contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(validationToken);
        }
        if (!engine.paused()) {
            scheduler.trigger();
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/restart")
    ResponseEntity<Map<String, Object>> restart(@RequestParam(defaultValue = "watermark") String scope) {
        if (!scope.equals("watermark") && !scope.equals("full")) {
            return ResponseEntity.badRequest().body(Map.of("error", "scope must be 'watermark' or 'full', was '" + scope + "'"));
        }
        engine.restart(scope.equals("full"));
        boolean queued = !engine.paused() && scheduler.trigger();
        return ResponseEntity.accepted().body(Map.of("restarted", scope, "initialCycleQueued", queued));
    }

    @PostMapping("/provision-on-demand")
    ResponseEntity<Map<String, Object>> provisionOnDemand(@RequestBody OnDemandRequest body) {
        boolean hasId = body != null && body.id() != null && !body.id().isBlank();
        boolean hasUpn = body != null && body.userPrincipalName() != null && !body.userPrincipalName().isBlank();
        if (hasId == hasUpn) {
            return ResponseEntity.badRequest().body(Map.of("error",
                    "give exactly one of 'id' (user or group object id) or 'userPrincipalName'"));
        }
        ChangeEvent e = engine.provisionOnDemand(hasId ? body.id() : null, hasUpn ? body.userPrincipalName() : null);
        if (e == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                    "no user or group " + (hasId ? body.id() : body.userPrincipalName()) + " in the tenant"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", e.eventId());
        out.put("cycleId", e.cycleId());
        out.put("objectType", e.objectType());
        out.put("objectId", e.objectId());
        out.put("kind", e.kind());
        out.put("assignment", e.assignment());
        out.put("attributes", e.attributes());
        out.put("members", e.memberChanges().size());
        return ResponseEntity.ok(out);
    }

    /**
     * Stops polling Graph: the running cycle stops at its next page boundary with its checkpoint saved, so nothing is
     * lost and resume continues it. Persisted (checkpoint topic), so the connector stays paused across restarts;
     * {@code persisted=false} means Kafka was unreachable and the pause holds until this process stops.
     */
    @PostMapping("/pause")
    Map<String, Object> pause() {
        boolean persisted = engine.pause();
        return Map.of("paused", true, "persisted", persisted);
    }

    @PostMapping("/resume")
    Map<String, Object> resume() {
        boolean persisted = engine.resume();
        scheduler.trigger();
        return Map.of("paused", false, "persisted", persisted);
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        return engine.status();
    }

    @ExceptionHandler(GraphException.class)
    ResponseEntity<Map<String, Object>> graphFailure(GraphException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", e.getMessage(),
                "graphStatus", e.status(), "graphCode", String.valueOf(e.code())));
    }
}
