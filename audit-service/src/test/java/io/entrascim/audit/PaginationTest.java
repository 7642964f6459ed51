package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cursor pagination walks every entry exactly once, in order, also across equal timestamps. */
class PaginationTest extends AuditServiceTestBase {

    @Test
    void cursorWalksAllEntriesOnceInBothDirections() {
        String job = "job-page-" + UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(3, ChronoUnit.DAYS);
        List<ProvisioningResult> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // groups of three share a timestamp: the id breaks the tie
            all.add(Results.success(UUID.randomUUID().toString(), job, "cyc", "chg-" + i, t.plusSeconds(i / 3),
                    ProvisioningAction.UPDATE, "obj-" + i, "user" + i + "@contoso.test"));
        }
        store(all.toArray(ProvisioningResult[]::new));
        List<String> expectedAsc = all.stream()
                .sorted(Comparator.comparing(ProvisioningResult::activityDateTime).thenComparing(ProvisioningResult::id))
                .map(ProvisioningResult::id).toList();

        assertThat(walk(job, "asc")).containsExactlyElementsOf(expectedAsc);
        List<String> expectedDesc = new ArrayList<>(expectedAsc);
        java.util.Collections.reverse(expectedDesc);
        assertThat(walk(job, "desc")).containsExactlyElementsOf(expectedDesc);
    }

    @Test
    void aForeignCursorIsA400() {
        var response = get("/api/provisioning-logs?cursor=not-a-cursor", READER_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("cursor");
    }

    private List<String> walk(String job, String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("jobId", job, "sort", sort, "limit", "10"));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = getJson("/api/provisioning-logs?" + q(params));
            page.path("items").forEach(n -> seen.add(n.path("id").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        return seen;
    }
}
