package io.entrascim.sink.app;

import io.entrascim.sink.core.Escrows;
import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.scim.TargetUnavailableException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /api/restart?scope=escrows} ({@code provisionctl restart --scope escrows}): retry every parked
 * member / manager reference now. Refused (409) while provisioning is paused for any reason: a pause stops SCIM writes.
 */
@RestController
class RestartController {

    record EscrowsAnswer(String scope, int retried, int resolved, int stillParked, int dropped) {
    }

    private final Escrows escrows;
    private final PauseControl pauses;

    RestartController(Escrows escrows, PauseControl pauses) {
        this.escrows = escrows;
        this.pauses = pauses;
    }

    @PostMapping("/api/restart")
    ResponseEntity<?> restart(@RequestParam(required = false) String scope) {
        if (!"escrows".equalsIgnoreCase(scope)) {
            return ResponseEntity.badRequest().body(Map.of("error", "scope=" + scope + " is not a scim-sink restart scope: "
                    + "use scope=escrows (quarantine: POST /api/quarantine/release; watermark and full: source-connector)"));
        }
        if (!pauses.reasons().isEmpty()) {
            return ResponseEntity.status(409).body(Map.of("error", "provisioning is paused (" + pauses.reasons()
                    + "): escrows are not retried while SCIM writes are stopped; resume (or wait for the target) first"));
        }
        try {
            Escrows.Report r = escrows.retryNow();
            return ResponseEntity.ok(new EscrowsAnswer("escrows", r.retried(), r.resolved(), r.stillParked(), r.dropped()));
        } catch (TargetUnavailableException e) {
            return ResponseEntity.status(503).body(Map.of("error", "the SCIM target is unavailable (circuit breaker open); "
                    + "escrows stay parked, try again when it answers"));
        }
    }
}
