package io.entrascim.local;

import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the pipeline's topics and their dead-letter topics before any service starts. Left to auto-creation, the
 * first produce races the partition leader election: an idempotent producer then got OUT_OF_ORDER_SEQUENCE_NUMBER on
 * one partition for the whole initial cycle (124 retries in 2 minutes), stalling every batch that touched it.
 */
final class PipelineTopics {

    private PipelineTopics() {
    }

    static void create(String bootstrapServers, int partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : List.of(Topics.CHANGES, Topics.CYCLES, Topics.COMMANDS, Topics.RESULTS)) {
            topics.add(new NewTopic(t, partitions, (short) 1));
            topics.add(new NewTopic(Topics.deadLetterOf(t), partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var created : admin.createTopics(topics).values().values()) {
                try {
                    created.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /** A created topic can still be without a leader for a moment; producing then is what the class comment avoids. */
    private static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ready = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics created but partitions still without a leader after 60 s: " + names);
            }
            Thread.sleep(100);
        }
    }
}
