package io.entrascim.sink;

import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.Topics;
import io.entrascim.testkit.scim.Fault;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLettersAndReplayTest extends SinkTestBase {

    @Value("${local.server.port}")
    int port;

    @Test
    void permanentBadRequestIsDeadLetteredAuditedAndReplayable() throws Exception {
        String id = newId();
        String userName = "bad-" + id + "@contoso.com";
        TARGET.faults().next(1, Fault.status(400).onlyFor("POST"));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Bad"));
        send(c);

        ProvisioningResult failure = awaitResultFor(c);
        assertThat(failure.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(failure.error().errorCode()).isEqualTo("BadRequest");
        assertThat(failure.error().additionalDetails()).contains("HTTP 400");
        assertThat(TARGET.userByUserName(userName)).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLettersFor(id).isEmpty());
        ConsumerRecord<byte[], byte[]> dlt = deadLettersFor(id).get(0);
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.COMMANDS);
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("permanent");
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.HTTP_STATUS)).isEqualTo("400");
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isNotNull();
        assertThat(DeadLetterRecord.header(dlt.headers(), DeadLetterHeaders.FAILED_BY)).isEqualTo("SCIM_SINK");

        JsonNode listing = SinkApi.get(port, "/api/dead-letters?sourceObjectId=" + id);
        assertThat(listing.get("items").size()).isEqualTo(1);
        JsonNode item = listing.get("items").get(0);
        assertThat(item.get("resultId").asString()).isEqualTo(failure.id());
        assertThat(item.get("commandId").asString()).isEqualTo(c.commandId());
        assertThat(item.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(item.get("errorClass").asString()).isEqualTo("permanent");
        assertThat(item.get("operation").asString()).isEqualTo("UPSERT");
        assertThat(SinkApi.get(port, "/api/dead-letters?httpStatus=400&errorClass=permanent").get("items").size()).isGreaterThanOrEqualTo(1);

        JsonNode dry = SinkApi.post(port, "/api/dead-letters/replay",
                "{\"sourceObjectIds\":[\"" + id + "\"],\"dryRun\":true}");
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("matched").asInt()).isEqualTo(1);
        assertThat(dry.get("replayed").asInt()).isZero();
        assertThat(dry.get("items").get(0).get("resultId").asString()).isEqualTo(failure.id());
        Thread.sleep(300);
        assertThat(TARGET.userByUserName(userName)).isEmpty();

        JsonNode real = SinkApi.post(port, "/api/dead-letters/replay", "{\"resultIds\":[\"" + failure.id() + "\"],\"dryRun\":false}");
        assertThat(real.get("replayed").asInt()).isEqualTo(1);
        ProvisioningResult replayed = awaitResult(r -> failure.id().equals(r.replayOf()));
        assertThat(replayed.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(replayed.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(replayed.id()).isNotEqualTo(failure.id());
        assertThat(TARGET.userByUserName(userName)).isPresent();
        String dltCoordinates = Topics.deadLetterOf(Topics.COMMANDS) + "/" + dlt.partition() + "/" + dlt.offset();
        await().atMost(Duration.ofSeconds(10)).until(() -> COMMANDS.stream().anyMatch(rec ->
                dltCoordinates.equals(DeadLetterRecord.header(rec.headers(), DeadLetterHeaders.REPLAY_OF))));

        SinkApi.post(port, "/api/dead-letters/replay", "{\"commandIds\":[\"" + c.commandId() + "\"],\"dryRun\":false}");
        awaitResult(r -> failure.id().equals(r.replayOf()) && r.status() == ProvisioningStatus.SKIPPED);
        assertThat(TARGET.users().stream().filter(u -> userName.equals(u.get("userName")))).hasSize(1);
    }

    @Test
    void malformedCommandIsDeadLetteredAuditedAndConsumptionGoesOn() {
        String key = newId();
        sendRaw(key, "{\"schemaVersion\":1,\"commandId\":\"x\"".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLettersFor(key).isEmpty());
        assertThat(DeadLetterRecord.header(deadLettersFor(key).get(0).headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed");
        ProvisioningResult audited = awaitResult(r -> key.equals(r.sourceIdentity().id()));
        assertThat(audited.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(audited.error().errorCode()).isEqualTo("MalformedRecord");

        ProvisioningCommand next = user(newId(), Operation.UPSERT, "after-" + key + "@contoso.com", Map.of());
        send(next);
        assertThat(awaitResultFor(next).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    @Test
    void duplicateMatchesFailAsDuplicateTargetEntries() {
        String shared = "Dup " + newId();
        // Two target users share a displayName; matching on it must refuse to guess.
        ProvisioningCommand a = user(newId(), Operation.UPSERT, "a-" + newId(), Map.of("displayName", shared));
        ProvisioningCommand b = user(newId(), Operation.UPSERT, "b-" + newId(), Map.of("displayName", shared));
        send(a);
        send(b);
        awaitResultFor(a);
        awaitResultFor(b);
        String id = newId();
        ProvisioningCommand c = command(id, io.entrascim.contracts.ObjectType.USER, Operation.UPSERT,
                List.of(new io.entrascim.contracts.TargetAttribute("userName", "c-" + id, io.entrascim.contracts.AttributeFlow.ALWAYS, false)),
                List.of(new io.entrascim.contracts.MatchingAttribute("displayName", shared, 1)), List.of());
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(r.error().errorCode()).isEqualTo("DuplicateTargetEntries");
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLettersFor(id).isEmpty());
        assertThat(DeadLetterRecord.header(deadLettersFor(id).get(0).headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("conflict");
    }

    @Test
    void attributesThatCannotFormAScimResourceAreDeadLetteredAsPermanent() {
        String id = newId();
        ProvisioningCommand c = command(id, io.entrascim.contracts.ObjectType.USER, Operation.UPSERT, List.of(
                        new io.entrascim.contracts.TargetAttribute("userName", "schema-" + id, io.entrascim.contracts.AttributeFlow.ALWAYS, false),
                        new io.entrascim.contracts.TargetAttribute("name", "flat", io.entrascim.contracts.AttributeFlow.ALWAYS, false),
                        new io.entrascim.contracts.TargetAttribute("name.givenName", "Ann", io.entrascim.contracts.AttributeFlow.ALWAYS, false)),
                List.of(new io.entrascim.contracts.MatchingAttribute("userName", "schema-" + id, 1)), List.of());
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(r.error().errorCode()).isEqualTo("SinkSchemaError");
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLettersFor(id).isEmpty());
        assertThat(DeadLetterRecord.header(deadLettersFor(id).get(0).headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("permanent");
    }
}
