package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import org.junit.jupiter.api.Test;

/** Filtered exports stream every matching entry as CSV or JSON lines. */
class ExportTest extends AuditServiceTestBase {

    @Test
    void exportsFilteredEntriesAsCsvAndJsonLines() {
        String job = "job-export-" + UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        ProvisioningResult a = Results.success("exp-a-" + job, job, "cyc", "chg-a", t, ProvisioningAction.CREATE, "o-a",
                "a@contoso.test");
        ProvisioningResult b = Results.failure("exp-b-" + job, job, "cyc", "chg-b", t.plusSeconds(1), "o-b",
                "=cmd|evil, \"quoted\"", "Conflict");
        ProvisioningResult c = Results.success("exp-c-" + job, job, "cyc", "chg-c", t.plusSeconds(2), ProvisioningAction.UPDATE,
                "o-c", "c@contoso.test");
        store(a, b, c);

        HttpResponse<String> csv = get("/api/provisioning-logs/export?format=csv&jobId=" + job, READER_TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("provisioning-logs.csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("id,activityDateTime,changeId,cycleId,jobId,action,status");
        assertThat(lines.get(1)).startsWith("exp-a-" + job + "," + t + ",chg-a,cyc," + job + ",CREATE,SUCCESS");
        // a formula-looking name is defused and quoted as a whole
        assertThat(lines.get(2)).contains(",\"'=cmd|evil, \"\"quoted\"\"\",").contains(",Conflict,");

        HttpResponse<String> failuresOnly = get("/api/provisioning-logs/export?format=csv&status=failure&jobId=" + job, READER_TOKEN);
        assertThat(failuresOnly.body().lines().count()).isEqualTo(2);

        HttpResponse<String> jsonl = get("/api/provisioning-logs/export?format=jsonl&sort=desc&jobId=" + job, READER_TOKEN);
        assertThat(jsonl.statusCode()).isEqualTo(200);
        List<ProvisioningResult> records = jsonl.body().lines()
                .map(l -> RecordCodec.mapper().readValue(l, ProvisioningResult.class)).toList();
        assertThat(records).containsExactly(c, b, a);
        assertThat(records.get(2).steps()).hasSize(2);
        assertThat(records.get(2).modifiedProperties()).extracting("newValue").contains("[Redact]");
    }

    @Test
    void streamsALargeExportThroughACursor() {
        String job = "job-export-big-" + UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        jdbc.update("""
                insert into provisioning_result (id, activity_time, change_id, cycle_id, job_id, action, status, duration_ms,
                  reported_by, source_id, source_display_name, source_type, raw_payload)
                select ? || g, ? + g * interval '1 millisecond', 'chg-' || g, 'cyc', ?, 'UPDATE', 'SUCCESS', 1,
                  'SCIM_SINK', 'obj-' || g, 'user' || g || '@contoso.test', 'User', '{}'
                from generate_series(1, 20000) g""", job + "-", java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC), job);
        HttpResponse<String> csv = get("/api/provisioning-logs/export?format=csv&jobId=" + job, READER_TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(20_001);
    }

    @Test
    void unknownFormatIs400() {
        assertThat(get("/api/provisioning-logs/export?format=xlsx", READER_TOKEN).body()).contains("format");
    }
}
