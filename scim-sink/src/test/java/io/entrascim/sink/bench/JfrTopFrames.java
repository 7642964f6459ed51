package io.entrascim.sink.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Summarises the execution samples of a flight recording for the threads whose name matches a
 * pattern: top self frames, and samples per library (the innermost frame of a known library wins).
 * {@code java scim-sink/src/test/java/io/entrascim/sink/bench/JfrTopFrames.java /tmp/sink.jfr '^(sink-load|httpclient)' 25 [Type.method ...]}
 * (the optional trailing methods get an inclusive share: samples with that method anywhere on the stack).
 */
public final class JfrTopFrames {

    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io.github.resilience4j.", "Resilience4j");
        LIBRARIES.put("tools.jackson.", "Jackson");
        LIBRARIES.put("org.postgresql.", "PostgreSQL JDBC");
        LIBRARIES.put("com.zaxxer.hikari.", "Hikari");
        LIBRARIES.put("org.springframework.jdbc.", "Spring JDBC");
        LIBRARIES.put("jdk.internal.net.http.", "JDK HttpClient");
        LIBRARIES.put("java.net.http.", "JDK HttpClient");
        LIBRARIES.put("org.apache.hc.", "Apache HttpClient 5");
        LIBRARIES.put("io.entrascim.sink.bench.", "benchmark driver");
        LIBRARIES.put("io.entrascim.contracts.", "contracts");
        LIBRARIES.put("io.entrascim.sink.", "sink code");
        LIBRARIES.put("sun.nio.", "NIO/sockets");
        LIBRARIES.put("java.net.", "NIO/sockets");
        LIBRARIES.put("java.util.UUID", "UUID/SecureRandom");
        LIBRARIES.put("sun.security.provider.", "UUID/SecureRandom");
    }

    private JfrTopFrames() {
    }

    public static void main(String[] args) throws Exception {
        Pattern threads = Pattern.compile(args.length > 1 ? args[1] : ".*");
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        List<String> inclusive = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        Map<String, Integer> inclusiveCounts = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            if (thread == null || !threads.matcher(thread).find()) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = st.getFrames();
            RecordedFrame leaf = frames.get(0);
            self.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1, Integer::sum);
            String lib = "other (JDK core)";
            outer:
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                for (Map.Entry<String, String> l : LIBRARIES.entrySet()) {
                    if (type.startsWith(l.getKey())) {
                        lib = l.getValue();
                        break outer;
                    }
                }
            }
            library.merge(lib, 1, Integer::sum);
            for (String m : inclusive) {
                for (RecordedFrame f : frames) {
                    if ((f.getMethod().getType().getName() + "." + f.getMethod().getName()).endsWith(m)) {
                        inclusiveCounts.merge(m, 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        System.out.printf("%d samples on threads matching %s%n%nby library (innermost known frame):%n", total, threads);
        int n = total;
        library.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(x -> System.out.printf("  %5.1f%%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
        if (!inclusive.isEmpty()) {
            System.out.printf("%ninclusive:%n");
            inclusive.forEach(m -> System.out.printf("  %5.1f%%  %s%n", 100.0 * inclusiveCounts.getOrDefault(m, 0) / n, m));
        }
        System.out.printf("%ntop %d self frames:%n", top);
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(x -> System.out.printf("  %5.1f%%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
    }
}
