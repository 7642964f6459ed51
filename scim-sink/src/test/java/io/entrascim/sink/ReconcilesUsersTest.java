package io.entrascim.sink;

import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.testkit.scim.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilesUsersTest extends SinkTestBase {

    @Autowired
    LinkStore links;

    @Test
    void createsUserWhenNothingMatchesAndReportsIt() {
        String id = newId();
        String userName = "new-" + id + "@contoso.com";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "New User", "active", "True",
                "externalId", id));
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.reportedBy()).isEqualTo(ReportingService.SCIM_SINK);
        assertThat(r.changeId()).isEqualTo(c.causingEventId());
        assertThat(r.steps()).extracting(s -> s.type()).containsExactly(StepType.MATCHING, StepType.EXPORT);
        assertThat(r.steps().get(1).details()).containsEntry("httpStatus", "201").containsKey("durationMs");
        assertThat(r.modifiedProperties()).contains(new ModifiedProperty("displayName", null, "New User"));
        Map<String, Object> created = TARGET.userByUserName(userName).orElseThrow();
        assertThat(created.get("active")).isEqualTo(true);
        assertThat(created.get("externalId")).isEqualTo(id);
        assertThat(r.targetIdentity().id()).isEqualTo(created.get("id"));
        assertThat(links.targetId(id)).hasValue((String) created.get("id"));
    }

    @Test
    void redeliveredCommandCreatesNoDuplicate() {
        String id = newId();
        String userName = "twice-" + id + "@contoso.com";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Twice"));
        send(c);
        awaitResultFor(c);
        send(c);
        ProvisioningResult second = awaitResult(r -> r.changeId().equals(c.causingEventId()) && r.status() == ProvisioningStatus.SKIPPED);
        assertThat(second.steps().get(second.steps().size() - 1).description()).contains("no change");
        assertThat(TARGET.users().stream().filter(u -> userName.equals(u.get("userName")))).hasSize(1);
    }

    @Test
    void linksExistingUserOnMatchAndPatchesOnlyWhatDiffers() throws Exception {
        String id = newId();
        String userName = "brown-" + id + "@contoso.com";
        ProvisioningCommand seed = user(newId(), Operation.UPSERT, userName, Map.of("displayName", "Old Name", "active", true));
        send(seed);
        String targetId = awaitResultFor(seed).targetIdentity().id();
        TARGET.clearRequests();

        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "New Name", "active", true));
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.targetIdentity().id()).isEqualTo(targetId);
        assertThat(r.modifiedProperties()).containsExactly(new ModifiedProperty("displayName", "Old Name", "New Name"));
        assertThat(links.targetId(id)).hasValue(targetId);
        List<RecordedRequest> writes = TARGET.writes().stream().filter(w -> w.path().contains(targetId)).toList();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).method()).isEqualTo("PATCH");
        assertThat(writes.get(0).body()).contains("\"op\":\"replace\"").contains("displayName").doesNotContain("userName")
                .doesNotContain("active");
        assertThat(TARGET.userByUserName(userName).orElseThrow().get("displayName")).isEqualTo("New Name");
    }

    @Test
    void unchangedUserIsSkippedWithoutWriting() {
        String id = newId();
        String userName = "same-" + id + "@contoso.com";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Same", "active", "True"));
        send(c);
        String targetId = awaitResultFor(c).targetIdentity().id();
        TARGET.clearRequests();
        ProvisioningCommand again = user(id, Operation.UPSERT, userName, Map.of("displayName", "Same", "active", "True"));
        send(again);
        ProvisioningResult r = awaitResultFor(again);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(TARGET.requests()).extracting(RecordedRequest::method).containsOnly("GET");
        assertThat(TARGET.requests()).extracting(RecordedRequest::path).contains("/Users/" + targetId);
    }

    @Test
    void disablesWithActiveFalseThenDeletes() {
        String id = newId();
        String userName = "leaver-" + id + "@contoso.com";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("active", true));
        send(c);
        String targetId = awaitResultFor(c).targetIdentity().id();

        ProvisioningCommand disable = user(id, Operation.DISABLE, null, Map.of());
        send(disable);
        ProvisioningResult disabled = awaitResultFor(disable);
        assertThat(disabled.action()).isEqualTo(ProvisioningAction.DISABLE);
        assertThat(disabled.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(TARGET.userByUserName(userName).orElseThrow().get("active")).isEqualTo(false);
        assertThat(TARGET.writes()).filteredOn(w -> w.path().endsWith(targetId) && w.method().equals("PATCH"))
                .anySatisfy(w -> assertThat(w.body()).contains("\"path\":\"active\"").contains("\"value\":false"));

        ProvisioningCommand delete = user(id, Operation.DELETE, null, Map.of());
        send(delete);
        ProvisioningResult deleted = awaitResultFor(delete);
        assertThat(deleted.action()).isEqualTo(ProvisioningAction.DELETE);
        assertThat(deleted.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(TARGET.userByUserName(userName)).isEmpty();
        assertThat(links.targetId(id)).isEmpty();
    }

    @Test
    void rematchesWhenLinkedObjectWasDeletedInTarget() throws Exception {
        String id = newId();
        String userName = "gone-" + id + "@contoso.com";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Gone"));
        send(c);
        String oldId = awaitResultFor(c).targetIdentity().id();
        links.link(id, io.entrascim.contracts.ObjectType.USER, "no-such-id");
        ProvisioningCommand again = user(id, Operation.UPSERT, userName, Map.of("displayName", "Back"));
        send(again);
        ProvisioningResult r = awaitResultFor(again);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.targetIdentity().id()).isEqualTo(oldId);
        assertThat(links.targetId(id)).hasValue(oldId);
    }

    @Test
    void hostileUserNameIsEscapedInTheFilter() {
        String id = newId();
        String userName = "o\"brien\\" + id + "\" or userName pr or \"x";
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Quote"));
        send(c);
        ProvisioningResult created = awaitResultFor(c);
        assertThat(created.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(TARGET.userByUserName(userName)).isPresent();
        // A second, unlinked source object with the same userName must match exactly that user, not all users.
        ProvisioningCommand other = user(newId(), Operation.UPSERT, userName, Map.of("displayName", "Quote"));
        send(other);
        ProvisioningResult matched = awaitResultFor(other);
        assertThat(matched.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(matched.targetIdentity().id()).isEqualTo(created.targetIdentity().id());
    }

    @Test
    void redactedAttributeIsWrittenToTheTargetButNeverReported() {
        String id = newId();
        String userName = "secret-" + id + "@contoso.com";
        String secret = "s3cr3t-" + id;
        ProvisioningCommand c = command(id, io.entrascim.contracts.ObjectType.USER, Operation.UPSERT, List.of(
                        new io.entrascim.contracts.TargetAttribute("userName", userName, io.entrascim.contracts.AttributeFlow.ALWAYS, false),
                        new io.entrascim.contracts.TargetAttribute("title", secret, io.entrascim.contracts.AttributeFlow.ALWAYS, true)),
                List.of(new io.entrascim.contracts.MatchingAttribute("userName", userName, 1)), List.of());
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.modifiedProperties()).contains(new ModifiedProperty("title", null, "[Redact]"));
        assertThat(io.entrascim.contracts.RecordCodec.writeString(r)).doesNotContain(secret);
        assertThat(TARGET.userByUserName(userName).orElseThrow().get("title")).isEqualTo(secret);
    }

    @Test
    void exhaustedThrottlingBudgetIsDeadLetteredAsRetriable() {
        String id = newId();
        TARGET.faults().next(6, io.entrascim.testkit.scim.Fault.tooManyRequests(java.time.Duration.ZERO));
        ProvisioningCommand c = user(id, Operation.UPSERT, "throttled-" + id + "@contoso.com", Map.of());
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(r.error().errorCode()).isEqualTo("TooManyRequests");
        assertThat(r.error().errorCategory()).isEqualTo("failure");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !deadLettersFor(id).isEmpty());
        var headers = deadLettersFor(id).get(0).headers();
        assertThat(io.entrascim.contracts.DeadLetterRecord.header(headers, io.entrascim.contracts.DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo("retriable");
        assertThat(io.entrascim.contracts.DeadLetterRecord.header(headers, io.entrascim.contracts.DeadLetterHeaders.ATTEMPTS))
                .isEqualTo("6");
    }
}
