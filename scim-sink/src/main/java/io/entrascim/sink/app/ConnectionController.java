package io.entrascim.sink.app;

import io.entrascim.sink.core.ConnectionTester;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Entra-style Test Connection against the configured target ({@code provisionctl connection test} calls it). */
@RestController
class ConnectionController {

    private final ConnectionTester tester;

    ConnectionController(ConnectionTester tester) {
        this.tester = tester;
    }

    @PostMapping("/api/connection/test")
    ConnectionTester.Report test() {
        return tester.test();
    }
}
