package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * The one place that decides how results look. {@code json} prints the document (the services' own JSON, or the
 * command's combined document); {@code csv} prints the command's table; {@code table} prints the command's text view
 * (the table, or a detail view for single objects).
 */
final class Output {

    enum Format { TABLE, JSON, CSV }

    private final Format format;
    private final PrintWriter out;

    Output(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    Format format() {
        return format;
    }

    /** A list: the table in text or CSV, the document in JSON. */
    void list(JsonNode document, Table table) {
        switch (format) {
            case JSON -> out.println(Json.pretty(document));
            case CSV -> table.printCsv(out);
            case TABLE -> table.printText(out);
        }
        out.flush();
    }

    /** A single object or a report: a free-form text view, the table in CSV, the document in JSON. */
    void detail(JsonNode document, Table csv, Consumer<PrintWriter> text) {
        switch (format) {
            case JSON -> out.println(Json.pretty(document));
            case CSV -> csv.printCsv(out);
            case TABLE -> text.accept(out);
        }
        out.flush();
    }

    /** Text of a JSON value: null for missing/null, the string itself, or the JSON of anything else. */
    static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asString() : Json.write(n);
    }

    static String orDash(JsonNode n) {
        String t = text(n);
        return t == null || t.isEmpty() ? "-" : t;
    }
}
