package io.entrascim.mapper.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.mapping.AttributeMapper;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MapperOptions;
import io.entrascim.mapper.mapping.MappedObject;
import io.entrascim.mapper.mapping.MappingOutcome;
import io.entrascim.mapper.schema.MappingSchema;
import io.entrascim.mapper.schema.ObjectMapping;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.AssignmentScope;
import io.entrascim.mapper.scoping.ScopingDecision;
import io.entrascim.mapper.scoping.ScopingEngine;

/**
 * Mapping throughput for the default Tanium user mapping plus five expression mappings, on one
 * thread. {@code mapEvent} is the whole decision (scoping, mappings, command and audit result);
 * {@code evaluateMappings} only the attribute mappings. Run with {@code -prof gc} for allocation per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-XX:+UseSerialGC"})
@Threads(1)
public class MappingBenchmark {
    static final String SCHEMA = """
            users:
              mappings:
                - {target: userName, source: "[userPrincipalName]", matching: 1}
                - {target: active, source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'}
                - {target: displayName, source: "[displayName]"}
                - {target: externalId, source: "[mailNickname]"}
                - {target: 'emails[type eq "work"].value', source: "ToLower(Coalesce([mail], [userPrincipalName]))"}
                - {target: name.formatted, source: 'Join(" ", [givenName], [surname])'}
                - {target: nickName, source: "NormalizeDiacritics(StripSpaces([displayName]))"}
                - {target: title, source: "IgnoreFlowIfNullOrEmpty([jobTitle])"}
                - {target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', source: 'Switch([department], "Other", "IT", "Information Technology", "HR", "Human Resources")'}
            """;

    ChangeMapper mapper;
    ObjectMapping users;
    ChangeEvent event;
    ScopingDecision decision;

    @Setup
    public void setUp() {
        MappingSchema schema = SchemaLoader.parse(SCHEMA, "benchmark");
        users = schema.mappingFor(ObjectType.USER);
        mapper = new ChangeMapper(schema, new ScopingEngine(AssignmentScope.ASSIGNED), new MapperOptions("bench", false), Clock.systemUTC());
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("userPrincipalName", "zoe.muller@contoso.com");
        attrs.put("displayName", "Zoë Müller");
        attrs.put("mailNickname", "zmuller");
        attrs.put("mail", "Zoe.Muller@Contoso.com");
        attrs.put("givenName", "Zoë");
        attrs.put("surname", "Müller");
        attrs.put("department", "IT");
        attrs.put("accountEnabled", true);
        event = new ChangeEvent(ChangeEvent.VERSION, "ev-1", "cycle-1", CycleOrigin.INCREMENTAL, Instant.now(), ObjectType.USER,
                "6e7b768e-07e2-4810-8459-485f84f8f204", ChangeKind.UPSERT, attrs, AssignmentFacts.assigned(List.of(
                new AppRoleAssignmentFact("a", "00000000-0000-0000-0000-000000000000", null, null, "u", "User"))), List.of());
        decision = new ScopingEngine(AssignmentScope.ASSIGNED).decide(ObjectType.USER, ChangeKind.UPSERT, attrs, event.assignment(),
                users.scope());
        MappingOutcome check = mapper.map(event);
        if (check.failed() || check.commands().get(0).attributes().size() != 8) {
            throw new IllegalStateException("benchmark mapping is not what it should be: " + check);
        }
    }

    @Benchmark
    public MappingOutcome mapEvent() {
        return mapper.map(event);
    }

    @Benchmark
    public MappedObject evaluateMappings() {
        return AttributeMapper.map(users, mapper.context(event, decision));
    }
}
