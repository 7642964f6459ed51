package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.entrascim.audit.store.RetentionPurger;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Entries older than audit.retention (P90D) are purged in batches; younger ones stay. */
class RetentionPurgeTest extends AuditServiceTestBase {

    @Autowired
    RetentionScheduling scheduling;

    @Autowired
    RetentionPurger purger;

    @Test
    void scheduledPurgeDeletesOnlyEntriesOlderThanTheRetention() {
        String job = "job-retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<ProvisioningResult> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(Results.success(UUID.randomUUID().toString(), job, "cyc-old", "chg-old-" + i,
                    now.minus(91 + i, ChronoUnit.DAYS), ProvisioningAction.UPDATE, "obj-" + i, "old" + i + "@contoso.test"));
        }
        ProvisioningResult young = Results.success(UUID.randomUUID().toString(), job, "cyc-new", "chg-new", now.minus(89, ChronoUnit.DAYS),
                ProvisioningAction.UPDATE, "obj-new", "new@contoso.test");
        rows.add(young);
        store(rows.toArray(ProvisioningResult[]::new));

        RetentionPurger.Purged purged = scheduling.purge();

        assertThat(purged.results()).isGreaterThanOrEqualTo(30);
        assertThat(jdbc.queryForList("select id from provisioning_result where job_id = ?", String.class, job))
                .containsExactly(young.id());
    }

    @Test
    void purgesInSeveralBatchesUntilNothingOldIsLeft() {
        String job = "job-retention-batches-" + UUID.randomUUID();
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        jdbc.update("""
                insert into provisioning_result (id, activity_time, change_id, job_id, action, status, duration_ms,
                  reported_by, source_id, raw_payload)
                select ? || g, ?, 'chg', ?, 'UPDATE', 'SUCCESS', 1, 'SCIM_SINK', 'obj', '{}'
                from generate_series(1, 250) g""", job + "-", java.time.OffsetDateTime.ofInstant(old, java.time.ZoneOffset.UTC), job);

        RetentionPurger.Purged purged = purger.purgeOlderThan(old.plusSeconds(1), 100);

        assertThat(purged.results()).isGreaterThanOrEqualTo(250);
        assertThat(jdbc.queryForObject("select count(*) from provisioning_result where job_id = ?", Long.class, job)).isZero();
    }
}
