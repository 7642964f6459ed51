package io.entrascim.local.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.MalformedRecordResults;
import io.entrascim.contracts.Topics;
import io.entrascim.local.BenchmarkStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code malformed-each-topic} fault: on every topic a service consumes, two records produced straight onto it mid
 * cycle: bytes that are not JSON, and a real record of that topic with one required field removed. Each must be parked
 * on the topic's {@code .dlt} (same key and bytes, dead-letter headers) and audited as a FAILURE {@code MalformedRecord}.
 */
public final class Malformed {

    /** topic -> a required field of its record type (removed from a real record) */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put(Topics.CHANGES, "eventId");
        REQUIRED.put(Topics.COMMANDS, "commandId");
        REQUIRED.put(Topics.RESULTS, "id");
        REQUIRED.put(Topics.CYCLES, "cycleId");
    }

    private record Sent(String topic, String key, byte[] value, String missingField) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TopicTool topics;
    private final List<Sent> sent = new ArrayList<>();

    public Malformed(TopicTool topics) {
        this.topics = topics;
    }

    public int count() {
        return sent.size();
    }

    public void produceAll() throws Exception {
        for (Map.Entry<String, String> e : REQUIRED.entrySet()) {
            String topic = e.getKey();
            ObjectNode real = (ObjectNode) JSON.readTree(topics.first(topic).value());
            real.remove(e.getValue());
            send(new Sent(topic, "malformed-missing-" + topic, JSON.writeValueAsBytes(real), e.getValue()));
            send(new Sent(topic, "malformed-badjson-" + topic, FaultSuite.utf8("{\"schemaVersion\":1,\"id\":\"cut here"), null));
        }
    }

    private void send(Sent s) throws Exception {
        topics.produce(s.topic(), FaultSuite.utf8(s.key()), s.value());
        sent.add(s);
    }

    /** Each record on its topic's .dlt with the same bytes and the dead-letter headers (waits up to 2 minutes). */
    public List<String> parkedWithHeaders() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<String> problems = check();
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            problems = check();
        }
        return problems;
    }

    private List<String> check() {
        List<String> problems = new ArrayList<>();
        for (String topic : REQUIRED.keySet()) {
            Map<String, ConsumerRecord<byte[], byte[]>> parked = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : topics.readAll(Topics.deadLetterOf(topic), Duration.ofSeconds(1), 100_000)) {
                if (r.key() != null) {
                    parked.put(new String(r.key(), StandardCharsets.UTF_8), r);
                }
            }
            for (Sent s : sent) {
                if (!s.topic().equals(topic)) {
                    continue;
                }
                ConsumerRecord<byte[], byte[]> r = parked.get(s.key());
                if (r == null) {
                    problems.add(s.key() + " not on " + Topics.deadLetterOf(topic));
                    continue;
                }
                if (!Arrays.equals(r.value(), s.value())) {
                    problems.add(s.key() + ": parked bytes differ from the produced ones");
                }
                String origin = header(r, DeadLetterHeaders.ORIGINAL_TOPIC);
                String errorClass = header(r, DeadLetterHeaders.ERROR_CLASS);
                String reason = header(r, DeadLetterHeaders.ERROR_REASON);
                if (!topic.equals(origin) || !"malformed".equals(errorClass) || reason == null || reason.isBlank()
                        || header(r, DeadLetterHeaders.ORIGINAL_OFFSET) == null || header(r, DeadLetterHeaders.FAILED_BY) == null) {
                    problems.add(s.key() + ": dead-letter headers incomplete: origin=" + origin + " class=" + errorClass
                            + " reason=" + reason + " offset=" + header(r, DeadLetterHeaders.ORIGINAL_OFFSET) + " failedBy="
                            + header(r, DeadLetterHeaders.FAILED_BY));
                } else if (s.missingField() != null && !reason.contains(s.missingField())) {
                    problems.add(s.key() + ": reason does not name the missing field " + s.missingField() + ": " + reason);
                }
            }
        }
        return problems;
    }

    /**
     * Each record audited: a FAILURE result {@code MalformedRecord} for its key in the provisioning log, and, for the
     * topics audit-service reads itself, the raw record in {@code GET /api/malformed-records}.
     */
    public List<String> audited(BenchmarkStack stack) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<String> problems = auditCheck(stack);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            problems = auditCheck(stack);
        }
        return problems;
    }

    private List<String> auditCheck(BenchmarkStack stack) {
        List<String> problems = new ArrayList<>();
        JsonNode kept = stack.auditGet("/api/malformed-records?limit=1000");
        for (Sent s : sent) {
            JsonNode page = stack.auditGet("/api/provisioning-logs?sourceId=" + URLEncoder.encode(s.key(), StandardCharsets.UTF_8));
            boolean failure = false;
            if (page != null) {
                for (JsonNode e : page.path("items")) {
                    failure |= e.path("status").asString().equalsIgnoreCase("FAILURE")
                            && MalformedRecordResults.ERROR_CODE.equals(e.path("error").path("errorCode").asString(null));
                }
            }
            if (!failure) {
                problems.add(s.key() + ": no FAILURE " + MalformedRecordResults.ERROR_CODE + " result in the provisioning log");
            }
            if (s.topic().equals(Topics.RESULTS) || s.topic().equals(Topics.CYCLES)) {
                boolean listed = false;
                if (kept != null) {
                    for (JsonNode m : kept) {
                        listed |= s.key().equals(m.path("key").asString(null)) && s.topic().equals(m.path("topic").asString(null));
                    }
                }
                if (!listed) {
                    problems.add(s.key() + ": not listed by audit-service GET /api/malformed-records");
                }
            }
        }
        return problems;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
