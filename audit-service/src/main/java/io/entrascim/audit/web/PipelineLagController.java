package io.entrascim.audit.web;

import io.entrascim.audit.lag.LagMonitor;
import io.entrascim.audit.lag.LagReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumer lag of the pipeline's consumer groups, measured from outside the consumers. */
@Tag(name = "pipeline", description = "Consumer lag per group and topic (READER)")
@RestController
class PipelineLagController {

    private final LagMonitor monitor;

    PipelineLagController(LagMonitor monitor) {
        this.monitor = monitor;
    }

    @Operation(summary = "Lag per (group, topic) and partition: end offset minus committed offset; "
            + "an 'error' instead of numbers when Kafka cannot be reached")
    @GetMapping("/api/pipeline/lag")
    LagReport lag() {
        return monitor.current();
    }
}
