package io.entrascim.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) started from the
 * {@code kafka_2.13} jars on this JVM's class path, in its own process. Its data directory survives
 * restarts of the launcher, so topics and delta checkpoints do too.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private KafkaBrokerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort, int partitions) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        Path logDir = dataDir.resolve("log");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=" + partitions,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        Path brokerLog = dataDir.resolve("broker.log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(javaCommand(List.of(), "kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", config.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile())).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + brokerLog);
            }
        }
        List<String> brokerArgs = new java.util.ArrayList<>(List.of(config.toString()));
        brokerArgs.addAll(brokerOverrides(System.getenv()));
        Process broker = new ProcessBuilder(javaCommand(brokerJvmOptions(System.getenv()), "kafka.Kafka",
                brokerArgs.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile())).start();
        KafkaBrokerProcess kafka = new KafkaBrokerProcess(broker, port, brokerLog);
        kafka.awaitPort(Duration.ofMinutes(3)); // a loaded 2-core machine can take over a minute
        return kafka;
    }

    private static String clusterId() {
        // Kafka wants 16 random bytes, base64url without padding; one starting with '-' (1 in 64) would be read by
        // kafka-storage's argument parser as an option ("--cluster-id: expected one argument"), so draw again.
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
            buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /**
     * Extra JVM options of the broker from {@code JVM_OPTS_KAFKA_BROKER} (none by default: unlike the services, the
     * broker keeps the C2 compiler), e.g. a flight recording of it during a benchmark:
     * {@code JVM_OPTS_KAFKA_BROKER="-XX:StartFlightRecording=filename=/tmp/broker.jfr,settings=profile"}.
     */
    static List<String> brokerJvmOptions(java.util.Map<String, String> env) {
        String value = env.getOrDefault("JVM_OPTS_KAFKA_BROKER", "");
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * {@code KAFKA_BROKER_OVERRIDES="num.io.threads=2 num.network.threads=1"}: broker properties on top of the
     * generated server.properties, passed as {@code kafka.Kafka}'s {@code --override} arguments (none by default).
     */
    static List<String> brokerOverrides(java.util.Map<String, String> env) {
        String value = env.getOrDefault("KAFKA_BROKER_OVERRIDES", "");
        List<String> args = new java.util.ArrayList<>();
        for (String property : value.isBlank() ? new String[0] : value.trim().split("\\s+")) {
            if (property.indexOf('=') < 1) {
                throw new IllegalArgumentException("KAFKA_BROKER_OVERRIDES: '" + property + "' is not name=value");
            }
            args.add("--override");
            args.add(property);
        }
        return args;
    }

    private static List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void awaitPort(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka broker did not open port " + port + " within " + timeout + "; see " + log);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
