package io.entrascim.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the pipeline running as its own JVM, as it would in production: its exec jar, its
 * own heap, its log in a file. Configuration is passed as Spring command-line properties.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> secretEnvironment;
    private final Path tempDir;

    private ServiceProcess(String name, int port, Process process, Path log, List<String> command,
                           Map<String, String> secretEnvironment, Path tempDir) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.command = command;
        this.secretEnvironment = secretEnvironment;
        this.tempDir = tempDir;
    }

    /**
     * Starts {@code jar} with {@code properties} as {@code --key=value} arguments; secrets are passed
     * through the child's environment instead so that they never show in a process listing. {@code tempDir} becomes
     * the JVM's temporary directory, emptied before every start: embedded Tomcat makes a base directory there at each
     * start and leaves it behind (a kill -9 too), so the machine's shared {@code /tmp} would collect one per start.
     */
    static ServiceProcess start(String name, Path jar, int port, String heap, Map<String, String> properties,
                                Map<String, String> secretEnvironment, Path logDir, Path tempDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist; build first with: mvn -B -DskipTests package");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.io.tmpdir=" + tempDir.toAbsolutePath());
        command.addAll(extraJvmOptions(name, System.getenv()));
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        return launch(name, port, log, ProcessBuilder.Redirect.to(log.toFile()), List.copyOf(command),
                Map.copyOf(secretEnvironment), tempDir);
    }

    /** Kills the JVM at once (SIGKILL, as a crash or an OOM kill would), without waiting for it to shut down. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the same JVM again with the same configuration, appending to the same log. */
    ServiceProcess restart() throws IOException {
        return launch(name, port, log, ProcessBuilder.Redirect.appendTo(log.toFile()), command, secretEnvironment, tempDir);
    }

    /**
     * Starts the JVM with its temporary directory emptied first: nothing in it outlives a JVM (Tomcat's base directory,
     * native libraries).
     */
    private static ServiceProcess launch(String name, int port, Path log, ProcessBuilder.Redirect output, List<String> command,
                                         Map<String, String> secretEnvironment, Path tempDir) throws IOException {
        LocalStack.deleteRecursively(tempDir);
        Files.createDirectories(tempDir);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        pb.environment().putAll(secretEnvironment);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENAS);
        return new ServiceProcess(name, port, pb.start(), log, command, secretEnvironment, tempDir);
    }

    /**
     * glibc's malloc gives each thread that allocates natively an arena of its own (up to 8 per core); in a JVM with
     * dozens of threads (Kafka clients, Tomcat, JDBC) the partly used arenas add tens of MB of resident memory. Two
     * arenas is the usual setting for JVMs with a memory budget; an explicit MALLOC_ARENA_MAX in the environment wins.
     */
    private static final String MALLOC_ARENAS = "2";

    /**
     * JVM options every service gets unless its {@code JVM_OPTS_<SERVICE>} says otherwise: the C1 compiler only. On 2
     * cores shared with the whole pipeline, C2 spent ~30 s of CPU compiling the sink during an initial cycle, more
     * than its faster code saved (cycle 69 s -> 54 s, sink CPU 50 s -> 33 s); for the other services the cycle does
     * not change but their start-up CPU halves and their resident memory drops by 30-50 MiB (local-pipeline README,
     * "Results, 2026-12-04").
     */
    private static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    /**
     * Extra JVM options for one service: {@code JVM_OPTS_<SERVICE>} from the environment when set (even empty: then
     * none), else the default above, e.g. a flight recording of the sink during a benchmark:
     * {@code JVM_OPTS_SCIM_SINK="-XX:TieredStopAtLevel=1 -XX:StartFlightRecording=filename=/tmp/sink.jfr,settings=profile"}.
     */
    static List<String> extraJvmOptions(String service, Map<String, String> env) {
        String value = env.get("JVM_OPTS_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        if (value == null) {
            value = DEFAULT_JVM_OPTIONS;
        }
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /actuator/health} answers UP; fails early with the log's location if the JVM died. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log);
    }

    /** Resident set size in KiB from /proc, or -1 when unavailable. */
    long rssKib() {
        return ProcStat.rssKib(process.pid());
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
