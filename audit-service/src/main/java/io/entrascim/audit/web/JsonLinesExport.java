package io.entrascim.audit.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

import io.entrascim.audit.store.ExportRow;
import io.entrascim.contracts.RecordCodec;

/** Writes each result as received (the full record with steps and modified properties), one JSON object per line. */
class JsonLinesExport implements Consumer<ExportRow> {

    private final Writer out;

    JsonLinesExport(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(ExportRow row) {
        String json = row.rawPayload();
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            // a pretty-printed producer would break the one-record-per-line format
            json = RecordCodec.mapper().writeValueAsString(RecordCodec.mapper().readTree(json));
        }
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
