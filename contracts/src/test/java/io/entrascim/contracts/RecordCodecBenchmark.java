package io.entrascim.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * How long {@link RecordCodec} takes to read and to write a typical provisioning command (ten mapped attributes, four
 * decision steps, ~2 KB of JSON), the record every object costs the sink one read of. Not part of the default run:
 * {@code mvn -B -o -pl contracts verify -Dtest=RecordCodecBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (report in {@code contracts/target/record-codec-benchmark.txt}). Each compiler setting runs in its own JVM: C1 only
 * ({@code -XX:TieredStopAtLevel=1}, what the local pipeline's services run with) and the JVM's default (C2).
 * Records per round: {@code -Dbench.records=200000}.
 */
class RecordCodecBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 200_000);
    private static final int ROUNDS = 6;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder();
        for (String compiler : new String[] {"-XX:TieredStopAtLevel=1", "-XX:+TieredCompilation"}) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", compiler, "-cp", System.getProperty("java.class.path"),
                    RecordCodecBenchmark.class.getName(), Integer.toString(RECORDS))
                    .redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (child.waitFor() != 0) {
                throw new IllegalStateException("benchmark JVM failed:\n" + out);
            }
            report.append(compiler).append('\n').append(out);
        }
        System.out.print(report);
        write(report.toString());
    }

    /** One JVM's run: rounds of reading and of writing the same command; the last round is the steady state. */
    public static void main(String[] args) {
        int records = Integer.parseInt(args[0]);
        byte[] json = RecordCodec.write(typicalCommand());
        double read = 0;
        double written = 0;
        long checksum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                checksum += RecordCodec.read(json, ProvisioningCommand.class).attributes().size();
            }
            read = (System.nanoTime() - start) / 1000.0 / records;
            ProvisioningCommand command = RecordCodec.read(json, ProvisioningCommand.class);
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                checksum += RecordCodec.write(command).length;
            }
            written = (System.nanoTime() - start) / 1000.0 / records;
        }
        System.out.printf("  command of %,d bytes, %,d records x %d rounds: read %.2f us, write %.2f us (last round; checksum %d)%n",
                json.length, records, ROUNDS, read, written, checksum);
    }

    static ProvisioningCommand typicalCommand() {
        List<TargetAttribute> attributes = new ArrayList<>();
        String[][] mapped = {{"userName", "adele.vance12345@contoso.example"}, {"externalId", UUID.randomUUID().toString()},
                {"displayName", "Adele Vance 12345"}, {"name.givenName", "Adele"}, {"name.familyName", "Vance"},
                {"emails[type eq \"work\"].value", "adele.vance12345@contoso.example"}, {"title", "Retail Manager"},
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Retail"},
                {"preferredLanguage", "en-US"}};
        for (String[] m : mapped) {
            attributes.add(new TargetAttribute(m[0], m[1], AttributeFlow.ALWAYS, false));
        }
        attributes.add(new TargetAttribute("active", true, AttributeFlow.ALWAYS, false));
        List<ProvisioningStep> steps = List.of(
                ProvisioningStep.of("EntryImport", StepType.IMPORT, ProvisioningStatus.SUCCESS,
                        "Received User 'Adele Vance 12345' from Entra (delta)"),
                new ProvisioningStep("EntrySynchronizationScoping", StepType.SCOPING, ProvisioningStatus.SUCCESS,
                        "In scope: assigned to the application", Map.of("assignment", "default")),
                new ProvisioningStep("EntrySynchronizationMapping", StepType.PROCESSING, ProvisioningStatus.SUCCESS,
                        "Mapped 10 attributes", Map.of("userName", "adele.vance12345@contoso.example")),
                new ProvisioningStep("EntrySynchronizationUpsert", StepType.PROCESSING, ProvisioningStatus.SUCCESS,
                        "Upsert the user in the target", Map.of(ProvisioningCommand.COMMAND_INDEX_DETAIL, "1",
                        ProvisioningCommand.COMMAND_COUNT_DETAIL, "1")));
        return new ProvisioningCommand(ProvisioningCommand.VERSION, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "cycle-1", CycleOrigin.INITIAL, ObjectType.USER, UUID.randomUUID().toString(), "Adele Vance 12345",
                Operation.UPSERT, attributes, List.of(new MatchingAttribute("userName", "adele.vance12345@contoso.example", 1)),
                List.of(), Instant.now(), null, steps);
    }

    private static void write(String report) throws IOException {
        Path file = Path.of("target", "record-codec-benchmark.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }
}
