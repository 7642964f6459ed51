package io.entrascim.sink.core;

import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.StepType;
import io.entrascim.sink.scim.ErrorClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTest {

    private static final ProvisioningCommand COMMAND = new ProvisioningCommand(ProvisioningCommand.VERSION, "cmd-1", "evt-1",
            "cycle-1", CycleOrigin.INCREMENTAL, ObjectType.USER, "user-1", "Ada", Operation.UPSERT, List.of(), List.of(),
            List.of(), Instant.now(), null);

    @Test
    void hugeOldAndNewValuesAreCutSoTheResultStaysOneSmallKafkaRecord() {
        String before = "a".repeat(700_000);
        String after = "b".repeat(900_000);
        Outcome o = new Outcome("main", ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, "user-1", "t-1", "ada",
                List.of(), List.of(new ModifiedProperty("jobTitle", before, after), new ModifiedProperty("givenName", "A", "B")),
                null, 5, "evt-1", "cycle-1");

        ProvisioningResult r = new Results("job").of(COMMAND, o);

        ModifiedProperty title = r.modifiedProperties().get(0);
        assertThat(title.oldValue()).startsWith("aaaa").endsWith("… [truncated: 700000 characters]")
                .hasSize(Results.MAX_VALUE_CHARS + "… [truncated: 700000 characters]".length());
        assertThat(title.newValue()).startsWith("bbbb").endsWith("… [truncated: 900000 characters]");
        assertThat(r.modifiedProperties().get(1)).isEqualTo(new ModifiedProperty("givenName", "A", "B"));
        assertThat(RecordCodec.write(r).length).isLessThan(64 * 1024);
    }

    @Test
    void aHugeErrorBodyFromTheTargetIsCutInTheResult() {
        Outcome.Failure f = new Outcome.Failure(ErrorClass.PERMANENT, "SystemForCrossDomainIdentityManagementBadRequest",
                "x".repeat(300_000), 400, "invalidValue", "d".repeat(2_000_000), 1, Instant.now(), Instant.now(), "fix it");
        Outcome o = new Outcome("main", ProvisioningAction.UPDATE, ProvisioningStatus.FAILURE, "user-1", null, null,
                List.of(), List.of(), f, 5, "evt-1", "cycle-1");

        ProvisioningResult r = new Results("job").of(COMMAND, o);

        assertThat(r.error().reason()).endsWith("[truncated: 300000 characters]");
        assertThat(r.error().additionalDetails()).startsWith("HTTP 400; scimType=invalidValue; detail=ddd").contains("[truncated: ");
        assertThat(RecordCodec.write(r).length).isLessThan(64 * 1024);
    }

    @Test
    void theCommandsOwnResultStartsWithTheMappersDecisionStepsWithHugeValuesCut() {
        List<ProvisioningStep> decision = List.of(
                ProvisioningStep.of("EntryImport", StepType.IMPORT, ProvisioningStatus.SUCCESS, "Received UPSERT of USER user-1"),
                new ProvisioningStep("EntrySynchronizationMapping", StepType.PROCESSING, ProvisioningStatus.SUCCESS, "Mapped 2",
                        Map.of("userName", "ada", "jobTitle", "t".repeat(600_000))),
                new ProvisioningStep("EntrySynchronizationUpsert", StepType.PROCESSING, ProvisioningStatus.SUCCESS, "Upsert",
                        Map.of("commandIndex", "1", "commandCount", "1")));
        ProvisioningCommand command = COMMAND.withDecisionSteps(decision);
        ProvisioningStep export = ProvisioningStep.of("EntryExportAdd", StepType.EXPORT, ProvisioningStatus.SUCCESS, "POST /Users");
        Outcome main = new Outcome("main", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, "user-1", "t-1", "ada",
                List.of(export), List.of(), null, 5, "evt-1", "cycle-1");
        Outcome reference = new Outcome("mgr:user-2", ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, "user-2", "t-2", null,
                List.of(export), List.of(), null, 5, "evt-1", "cycle-1");

        ProvisioningResult r = new Results("job").of(command, main);

        assertThat(r.steps()).extracting(ProvisioningStep::name).containsExactly("EntryImport", "EntrySynchronizationMapping",
                "EntrySynchronizationUpsert", "EntryExportAdd");
        assertThat(r.steps().get(1).details().get("userName")).isEqualTo("ada");
        assertThat(r.steps().get(1).details().get("jobTitle")).startsWith("tttt").endsWith("… [truncated: 600000 characters]");
        assertThat(r.steps().get(2)).isEqualTo(decision.get(2));
        assertThat(RecordCodec.write(r).length).isLessThan(64 * 1024);
        assertThat(new Results("job").of(command, reference).steps()).as("a resolved reference is not the command's decision")
                .containsExactly(export);
    }
}
