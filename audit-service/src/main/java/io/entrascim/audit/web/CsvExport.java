package io.entrascim.audit.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.entrascim.audit.store.ExportRow;
import io.entrascim.audit.store.LogEntry;

/**
 * Writes log rows as RFC 4180 CSV (the portal's {@code ProvisioningLogs} file: everything but steps and modified
 * properties, joinable on changeId). Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
class CsvExport implements Consumer<ExportRow> {

    static final List<String> HEADER = List.of("id", "activityDateTime", "changeId", "cycleId", "jobId", "action",
            "status", "durationInMilliseconds", "reportedBy", "origin", "sourceId", "sourceDisplayName", "sourceType",
            "targetId", "targetDisplayName", "targetType", "errorCode", "errorReason", "errorCategory", "replayOf");

    private final Writer out;

    CsvExport(Writer out) {
        this.out = out;
        line(HEADER);
    }

    @Override
    public void accept(ExportRow row) {
        LogEntry e = row.entry();
        var source = e.sourceIdentity();
        var target = e.targetIdentity();
        var error = e.error();
        line(Arrays.asList(e.id(), e.activityDateTime().toString(), e.changeId(), e.cycleId(), e.jobId(), e.action(),
                e.status(), Long.toString(e.durationInMilliseconds()), e.reportedBy(), e.origin(),
                source == null ? null : source.id(), source == null ? null : source.displayName(),
                source == null ? null : source.identityType(), target == null ? null : target.id(),
                target == null ? null : target.displayName(), target == null ? null : target.identityType(),
                error == null ? null : error.errorCode(), error == null ? null : error.reason(),
                error == null ? null : error.errorCategory(), e.replayOf()));
    }

    private void line(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
