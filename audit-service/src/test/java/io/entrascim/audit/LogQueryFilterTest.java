package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Each filter of GET /api/provisioning-logs selects exactly the matching entries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogQueryFilterTest extends AuditServiceTestBase {

    private final String job = "job-filter-" + UUID.randomUUID();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.DAYS);
    private ProvisioningResult ada;
    private ProvisioningResult bob;
    private ProvisioningResult failed;
    private ProvisioningResult group;

    @BeforeAll
    void data() {
        ada = Results.success("r-ada-" + job, job, "cyc-A-" + job, "chg-ada-" + job, base, ProvisioningAction.CREATE,
                "obj-ada-" + job, "Ada.Lovelace@contoso.test");
        bob = Results.success("r-bob-" + job, job, "cyc-B-" + job, "chg-bob-" + job, base.plus(1, ChronoUnit.HOURS),
                ProvisioningAction.UPDATE, "obj-bob-" + job, "bob.builder@fabrikam.test");
        failed = Results.failure("r-fail-" + job, job, "cyc-B-" + job, "chg-fail-" + job, base.plus(2, ChronoUnit.HOURS),
                "obj-carl-" + job, "carl_50%@contoso.test", "InternalServerError");
        group = Results.group("r-grp-" + job, job, base.plus(3, ChronoUnit.HOURS), "obj-grp-" + job, "Pilot Users");
        store(ada, bob, failed, group);
    }

    private List<String> find(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("jobId", job);
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return ids(q(params));
    }

    @Test
    void jobIdAloneSelectsTheJobNewestFirst() {
        assertThat(find()).containsExactly(group.id(), failed.id(), bob.id(), ada.id());
        assertThat(find("sort", "asc")).containsExactly(ada.id(), bob.id(), failed.id(), group.id());
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        assertThat(find("from", base.plus(1, ChronoUnit.HOURS).toString(), "to", base.plus(3, ChronoUnit.HOURS).toString()))
                .containsExactly(failed.id(), bob.id());
        assertThat(find("from", "P1D")).isEmpty();
        assertThat(find("from", "P11D")).hasSize(4);
    }

    @Test
    void statusAndActionAcceptListsAndGraphSpelling() {
        assertThat(find("status", "failure")).containsExactly(failed.id());
        assertThat(find("status", "success,skipped")).containsExactly(group.id(), bob.id(), ada.id());
        assertThat(find("action", "create")).containsExactly(failed.id(), ada.id());
        assertThat(find("action", "Update", "status", "SUCCESS")).containsExactly(bob.id());
        assertThat(find("action", "stagedDelete")).isEmpty();
    }

    @Test
    void objectSourceAndTargetIds() {
        assertThat(find("objectType", "group")).containsExactly(group.id());
        assertThat(find("objectType", "User")).containsExactly(failed.id(), bob.id(), ada.id());
        assertThat(find("sourceId", "obj-bob-" + job)).containsExactly(bob.id());
        assertThat(find("targetId", "scim-obj-ada-" + job)).containsExactly(ada.id());
    }

    @Test
    void namePrefixAndContainsIgnoreCaseAndTreatWildcardsLiterally() {
        assertThat(find("namePrefix", "ada.")).containsExactly(ada.id());
        assertThat(find("namePrefix", "lovelace")).isEmpty();
        assertThat(find("nameContains", "LOVELACE")).containsExactly(ada.id());
        assertThat(find("nameContains", "contoso")).containsExactly(failed.id(), ada.id());
        assertThat(find("nameContains", "pilot")).containsExactly(group.id());
        assertThat(find("nameContains", "_50%")).containsExactly(failed.id());
        assertThat(find("nameContains", "%")).containsExactly(failed.id());
    }

    @Test
    void cycleChangeErrorCodeAndReporter() {
        assertThat(find("cycleId", "cyc-B-" + job)).containsExactly(failed.id(), bob.id());
        assertThat(find("changeId", "chg-ada-" + job)).containsExactly(ada.id());
        assertThat(find("errorCode", "InternalServerError")).containsExactly(failed.id());
        assertThat(find("reportedBy", "mapper_service")).containsExactly(group.id());
    }

    @Test
    void listedEntriesCarryGraphFieldsButNotSteps() {
        JsonNode page = getJson("/api/provisioning-logs?" + q(Map.of("jobId", job, "status", "failure")));
        JsonNode entry = page.path("items").get(0);
        assertThat(entry.path("changeId").asString()).isEqualTo(failed.changeId());
        assertThat(entry.path("action").asString()).isEqualTo("CREATE");
        assertThat(entry.path("sourceIdentity").path("displayName").asString()).isEqualTo("carl_50%@contoso.test");
        assertThat(entry.path("error").path("errorCode").asString()).isEqualTo("InternalServerError");
        assertThat(entry.path("activityDateTime").asString()).isEqualTo(failed.activityDateTime().toString());
        assertThat(entry.has("steps")).isFalse();
        assertThat(page.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        assertThat(get("/api/provisioning-logs?status=broken", READER_TOKEN).body()).contains("status").contains("failure");
        assertThat(get("/api/provisioning-logs?status=broken", READER_TOKEN).statusCode()).isEqualTo(400);
        assertThat(get("/api/provisioning-logs?from=yesterday", READER_TOKEN).body()).contains("from");
        assertThat(get("/api/provisioning-logs?limit=0", READER_TOKEN).body()).contains("limit");
        assertThat(get("/api/provisioning-logs?sort=sideways", READER_TOKEN).statusCode()).isEqualTo(400);
        assertThat(get("/api/provisioning-logs?objectType=printer", READER_TOKEN).body()).contains("objectType");
    }
}
