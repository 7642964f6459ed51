package io.entrascim.cli;

import tools.jackson.databind.JsonNode;

/** The sink's dead-letter item (cross-service contract) as a table. */
final class DeadLetters {

    private DeadLetters() {
    }

    static Table table(JsonNode items) {
        Table t = new Table("COMMAND ID", "SOURCE ID", "OPERATION", "ERROR CLASS", "ERROR CODE", "HTTP", "ATTEMPTS",
                "LAST FAILURE", "RESULT ID", "REASON");
        for (JsonNode i : items) {
            t.row(Output.text(i.path("commandId")), Output.text(i.path("sourceObjectId")), Output.text(i.path("operation")),
                    Output.text(i.path("errorClass")), Output.text(i.path("errorCode")), Output.text(i.path("httpStatus")),
                    Output.text(i.path("attempts")), Output.text(i.path("lastFailureAt")), Output.text(i.path("resultId")),
                    Output.text(i.path("reason")));
        }
        return t;
    }
}
