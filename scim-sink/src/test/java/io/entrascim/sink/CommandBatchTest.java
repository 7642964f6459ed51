package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import io.entrascim.sink.core.CommandBatchInterrupted;
import io.entrascim.sink.core.CommandProcessor;
import io.entrascim.sink.core.ConsumptionGate;
import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.EarlierDeliveries;
import io.entrascim.sink.core.InboundRecord;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.OperatorPauseRequested;
import io.entrascim.sink.core.PublishNotAcknowledgedException;
import io.entrascim.sink.core.Publisher;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.sink.core.Results;
import io.entrascim.sink.core.SinkEvents;
import io.entrascim.testkit.scim.Fault;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sink consumes a whole poll at a time: the batch's links are read in one statement, its results are
 * acknowledged with one wait, and a batch stopped part-way (a result not acknowledged, an operator's pause)
 * hands back exactly the commands from that position on.
 */
class CommandBatchTest extends SinkTestBase {

    private static final AtomicLong OFFSETS = new AtomicLong();

    @Autowired
    CommandProcessor processor;
    @Autowired
    Reconciler reconciler;
    @Autowired
    Publisher publisher;
    @Autowired
    DeadLetterIndex deadLetters;
    @Autowired
    LinkStore links;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void laterCommandsOfAnObjectInOneBatchSeeWhatTheEarlierOnesLinked() {
        String id = newId();
        String userName = "batch-" + id + "@contoso.com";
        ProvisioningCommand create = user(id, Operation.UPSERT, userName, Map.of("displayName", "First"));
        ProvisioningCommand rename = user(id, Operation.UPSERT, userName, Map.of("displayName", "Second"));
        ProvisioningCommand disable = user(id, Operation.DISABLE, userName, Map.of());

        processor.processBatch(List.of(record(create), record(rename), record(disable)));

        assertThat(TARGET.users().stream().filter(u -> userName.equals(u.get("userName")))).hasSize(1);
        Map<String, Object> u = TARGET.userByUserName(userName).orElseThrow();
        assertThat(u.get("displayName")).isEqualTo("Second");
        assertThat(u.get("active")).isEqualTo(false);
        assertThat(mainResult(create).action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(mainResult(rename).action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(mainResult(rename).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(mainResult(disable).action()).isEqualTo(ProvisioningAction.DISABLE);
        assertThat(mainResult(disable).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    @Test
    void linksReadAheadForABatchUpdateLinkedObjectsAndCreateNewOnes() {
        String linkedId = newId();
        String linkedName = "ahead-" + linkedId + "@contoso.com";
        processor.process(record(user(linkedId, Operation.UPSERT, linkedName, Map.of("displayName", "Before"))));
        String targetId = links.targetId(linkedId).orElseThrow();
        String newId = newId();
        String newName = "ahead-" + newId + "@contoso.com";
        ProvisioningCommand update = user(linkedId, Operation.UPSERT, linkedName, Map.of("displayName", "After"));
        ProvisioningCommand create = user(newId, Operation.UPSERT, newName, Map.of("displayName", "New"));
        TARGET.clearRequests();

        processor.processBatch(List.of(record(update), record(create)));

        assertThat(TARGET.userByUserName(linkedName).orElseThrow().get("displayName")).isEqualTo("After");
        assertThat(TARGET.userByUserName(linkedName).orElseThrow().get("id")).isEqualTo(targetId);
        assertThat(TARGET.users().stream().filter(u -> linkedName.equals(u.get("userName")))).hasSize(1);
        assertThat(mainResult(update).action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(mainResult(create).action()).isEqualTo(ProvisioningAction.CREATE);
        // the linked user was read by its id (the link read ahead), not searched for again
        assertThat(TARGET.requests()).noneMatch(r -> r.method().equals("GET") && r.path().equals("/Users")
                && r.query() != null && r.query().contains("ahead-" + linkedId));
        assertThat(links.targetId(newId)).isPresent();
    }

    @Test
    void aGroupCreatedInABatchGetsMembersCreatedEarlierInTheSameBatch() {
        String member = newId();
        String groupId = newId();
        ProvisioningCommand user = user(member, Operation.UPSERT, "member-" + member + "@contoso.com", Map.of());
        ProvisioningCommand group = group(groupId, Operation.UPSERT, "batch group " + groupId, List.of());
        ProvisioningCommand join = group(groupId, Operation.ADD_MEMBERS, null, List.of(member));

        processor.processBatch(List.of(record(user), record(group), record(join)));

        String memberTarget = links.targetId(member).orElseThrow();
        String groupTarget = links.targetId(groupId).orElseThrow();
        assertThat(TARGET.memberIds(groupTarget)).containsExactly(memberTarget);
        assertThat(mainResult(join).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    @Test
    void aMembershipParkedInABatchIsAppliedWhenTheBatchWritesTheMembersLink() {
        // Nothing parked anywhere when the batch reads its links: only the batch's link write can say that the
        // membership waits (the path a batch takes when another consumer parks it meanwhile).
        jdbc.update("delete from scim_sink.parked_member");
        jdbc.update("delete from scim_sink.parked_manager");
        String groupId = newId();
        processor.process(record(group(groupId, Operation.UPSERT, "parked group " + groupId, List.of())));
        String member = newId();
        ProvisioningCommand join = group(groupId, Operation.ADD_MEMBERS, null, List.of(member));
        ProvisioningCommand user = user(member, Operation.UPSERT, "late-" + member + "@contoso.com", Map.of());

        processor.processBatch(List.of(record(join), record(user)));

        assertThat(mainResult(join).status()).isEqualTo(ProvisioningStatus.WARNING);
        assertThat(TARGET.memberIds(links.targetId(groupId).orElseThrow())).containsExactly(links.targetId(member).orElseThrow());
        assertThat(jdbc.queryForObject("select count(*) from scim_sink.parked_member where group_source_id = ?", Integer.class,
                groupId)).isZero();
    }

    @Test
    void anOperatorPauseTakesEffectAfterTheCommandInHandAndHandsBackTheRest() {
        List<ProvisioningCommand> batch = users("pause-mid", 3);
        CommandProcessor pausedAfterFirst = processorWith(publisher, () -> true);

        CommandBatchInterrupted stopped = catchThrowableOfType(CommandBatchInterrupted.class,
                () -> pausedAfterFirst.processBatch(batch.stream().map(CommandBatchTest::record).toList()));

        assertThat(stopped.position()).isEqualTo(1);
        assertThat(stopped.getCause()).isInstanceOf(OperatorPauseRequested.class);
        assertThat(TARGET.userByUserName(userName(batch.get(0)))).isPresent();
        assertThat(TARGET.userByUserName(userName(batch.get(1)))).isEmpty();
        assertThat(TARGET.userByUserName(userName(batch.get(2)))).isEmpty();
        assertThat(mainResult(batch.get(0)).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    @Test
    void aResultNotAcknowledgedHandsBackTheBatchFromItsCommand() {
        List<ProvisioningCommand> batch = users("unacked", 3);
        String failingKey = batch.get(1).sourceObjectId();
        Publisher refusesOne = sendingAsync(r -> r.key() != null && failingKey.equals(new String(r.key(), StandardCharsets.UTF_8))
                ? CompletableFuture.failedFuture(new PublishNotAcknowledgedException("injected by the test", null))
                : publisher.sendAsync(r));

        CommandBatchInterrupted stopped = catchThrowableOfType(CommandBatchInterrupted.class,
                () -> processorWith(refusesOne, () -> false).processBatch(batch.stream().map(CommandBatchTest::record).toList()));

        assertThat(stopped.position()).isEqualTo(1);
        assertThat(stopped.getCause()).isInstanceOf(PublishNotAcknowledgedException.class);
        assertThat(mainResult(batch.get(0)).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    /**
     * A link written before the result of the write that made it, then a crash, and the redelivered command would find
     * the object linked and as desired: the log could only say "no change" for a create that happened.
     */
    @Test
    void aBatchWritesItsLinksOnlyOnceItsResultsAreAcknowledged() {
        List<ProvisioningCommand> batch = users("acked-first", 2);
        List<Boolean> linkedWhenAcknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Publisher slowAcks = sendingAsync(r -> publisher.sendAsync(r).thenApplyAsync(w -> {
            linkedWhenAcknowledged.add(links.targetId(new String(r.key(), StandardCharsets.UTF_8)).isPresent());
            return w;
        }, CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)));

        processorWith(slowAcks, () -> false).processBatch(batch.stream().map(CommandBatchTest::record).toList());

        assertThat(linkedWhenAcknowledged).as("no link was written before its result was acknowledged")
                .hasSize(2).containsOnly(false);
        batch.forEach(c -> assertThat(links.targetId(c.sourceObjectId())).isPresent());
    }

    /**
     * Killed between its creates and their results: the batch delivered again finds the objects it created (linked, or
     * not yet: the process died before the links were written) and reports those creates, under the ids their lost
     * results had, not "matched, no change". An object that was in the target before the first delivery is still
     * reported as the match it is.
     */
    @Test
    void aBatchDeliveredAgainAfterItsResultsWereLostReportsTheCreatesItMade() throws Exception {
        List<ProvisioningCommand> batch = new ArrayList<>(users("lost-result", 2));
        String existingId = newId();
        String existingName = "lost-result-existing-" + existingId + "@contoso.com";
        postUser(existingName, "Was there before");
        batch.add(user(existingId, Operation.UPSERT, existingName, Map.of("displayName", "Was there before")));
        List<InboundRecord> records = batch.stream().map(CommandBatchTest::record).toList();
        Map<String, ProvisioningResult> lost = new java.util.concurrent.ConcurrentHashMap<>();
        Publisher killed = sendingAsync(r -> {
            ProvisioningResult result = RecordCodec.read(r.value(), ProvisioningResult.class);
            lost.put(result.sourceIdentity().id(), result);
            return CompletableFuture.failedFuture(new PublishNotAcknowledgedException("the sink was killed", null));
        });
        catchThrowableOfType(CommandBatchInterrupted.class, () -> processorWith(killed, () -> false).processBatch(records));
        batch.forEach(c -> assertThat(TARGET.userByUserName(userName(c))).isPresent());
        assertThat(lost.get(batch.get(0).sourceObjectId()).action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(lost.get(existingId).action()).isEqualTo(ProvisioningAction.UPDATE);
        // the second one died before its link was written
        jdbc.update("delete from scim_sink.link where source_id = ?", batch.get(1).sourceObjectId());

        processor.processBatch(records);

        for (ProvisioningCommand created : batch.subList(0, 2)) {
            ProvisioningResult again = mainResult(created);
            assertThat(again.action()).isEqualTo(ProvisioningAction.CREATE);
            assertThat(again.status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(again.id()).isEqualTo(lost.get(created.sourceObjectId()).id());
            assertThat(again.steps()).anyMatch(st -> st.description().contains("earlier delivery of this command"));
            assertThat(again.modifiedProperties()).extracting(m -> m.displayName()).contains("userName", "displayName");
            assertThat(TARGET.users().stream().filter(u -> userName(created).equals(u.get("userName")))).hasSize(1);
            assertThat(links.targetId(created.sourceObjectId())).isPresent();
        }
        ProvisioningResult matched = mainResult(batch.get(2));
        assertThat(matched.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(matched.status()).isEqualTo(ProvisioningStatus.SKIPPED);
    }

    /** The first delivery of a command never reports a create it did not make, though the object is newer than it. */
    @Test
    void aFirstDeliveryReportsAnObjectCreatedMeanwhileAsAMatch() throws Exception {
        ProvisioningCommand c = users("created-meanwhile", 1).get(0);
        InboundRecord first = record(c);
        postUser(userName(c), "JIT");

        processor.processBatch(List.of(first));

        assertThat(mainResult(c).action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(mainResult(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    /** Handed back by a pause before it started, a command never takes an object created during the pause for its own. */
    @Test
    void aCommandHandedBackByAPauseReportsAnObjectCreatedDuringThePauseAsAMatch() throws Exception {
        List<ProvisioningCommand> batch = users("paused-unstarted", 2);
        List<InboundRecord> records = batch.stream().map(CommandBatchTest::record).toList();
        catchThrowableOfType(CommandBatchInterrupted.class, () -> processorWith(publisher, () -> true).processBatch(records));
        postUser(userName(batch.get(1)), "JIT during the pause");

        processor.processBatch(records.subList(1, 2));

        assertThat(mainResult(batch.get(1)).action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(mainResult(batch.get(1)).status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    private static void postUser(String userName, String displayName) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(TARGET.baseUrl() + "/Users"))
                .header("Authorization", "Bearer " + TARGET.token()).header("Content-Type", "application/scim+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"" + userName + "\",\"displayName\":\"" + displayName + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
    }

    /** Over Kafka: a pause in the middle of a polled batch, then resume: every command applied once, none lost. */
    @Test
    void commandsHandedBackByAPauseAreAppliedOnceAfterResume() throws Exception {
        List<ProvisioningCommand> commands = users("kafka-pause", 12);
        TARGET.faults().during(Duration.ofSeconds(20), Fault.slow(Duration.ofMillis(150)));
        try {
            commands.forEach(this::send);
            await().atMost(Duration.ofSeconds(30)).until(() -> commands.stream()
                    .anyMatch(c -> TARGET.userByUserName(userName(c)).isPresent()));
            SinkApi.post(port, "/api/pause", "");
            Thread.sleep(1500);
            long written = commands.stream().filter(c -> TARGET.userByUserName(userName(c)).isPresent()).count();
            Thread.sleep(1500);
            assertThat(commands.stream().filter(c -> TARGET.userByUserName(userName(c)).isPresent()).count())
                    .as("nothing is written while paused").isEqualTo(written).isLessThan(commands.size());
        } finally {
            SinkApi.post(port, "/api/resume", "");
            TARGET.faults().clear();
        }
        for (ProvisioningCommand c : commands) {
            assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        }
        Thread.sleep(1000);
        for (ProvisioningCommand c : commands) {
            assertThat(results(r -> r.changeId().equals(c.causingEventId()))).as("one result per command").hasSize(1);
            assertThat(TARGET.users().stream().filter(u -> userName(c).equals(u.get("userName")))).hasSize(1);
        }
    }

    /** The real publisher, with the asynchronous sends (those of a batch) going through {@code sendAsync}. */
    private Publisher sendingAsync(
            java.util.function.Function<ProducerRecord<byte[], byte[]>, CompletableFuture<Publisher.Written>> sendAsync) {
        return new Publisher() {
            @Override
            public Written send(ProducerRecord<byte[], byte[]> r) {
                return publisher.send(r);
            }

            @Override
            public CompletableFuture<Written> sendAsync(ProducerRecord<byte[], byte[]> r) {
                return sendAsync.apply(r);
            }
        };
    }

    private CommandProcessor processorWith(Publisher p, BooleanSupplier operatorPaused) {
        ConsumptionGate noGate = new ConsumptionGate() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        };
        return new CommandProcessor(reconciler, new Results("scim.tanium-sso"), p, deadLetters, noGate, () -> {
        }, "scim.tanium-sso", null, null, null, SinkEvents.NONE, links, new EarlierDeliveries(jdbc), operatorPaused);
    }

    private static List<ProvisioningCommand> users(String prefix, int n) {
        List<ProvisioningCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = newId();
            out.add(user(id, Operation.UPSERT, prefix + "-" + id + "@contoso.com", Map.of("displayName", prefix + " " + i)));
        }
        return out;
    }

    private static InboundRecord record(ProvisioningCommand c) {
        return new InboundRecord(Topics.COMMANDS, 0, OFFSETS.incrementAndGet(), c.sourceObjectId().getBytes(StandardCharsets.UTF_8),
                RecordCodec.write(c));
    }

    private static ProvisioningResult mainResult(ProvisioningCommand c) {
        return awaitResultFor(c);
    }

    private static String userName(ProvisioningCommand c) {
        return (String) c.attributes().stream().filter(a -> a.name().equals("userName")).findFirst().orElseThrow().value();
    }
}
