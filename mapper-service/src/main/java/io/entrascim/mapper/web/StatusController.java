package io.entrascim.mapper.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.entrascim.mapper.metrics.PipelineMetrics;

/** {@code GET /api/status}: what this instance has consumed and produced since it started (no token: counts only). */
@RestController
class StatusController {
    private final PipelineMetrics metrics;

    StatusController(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/api/status")
    PipelineMetrics.Status status() {
        return metrics.status();
    }
}
