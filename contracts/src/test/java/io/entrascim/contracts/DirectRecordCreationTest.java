package io.entrascim.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DirectRecordCreationTest {

    private static final JsonMapper JACKSON = RecordCodec.jacksonSettings().build();

    private static ProvisioningCommand command() {
        return new ProvisioningCommand(ProvisioningCommand.VERSION, "cmd-1", "evt-1", "cycle-1", CycleOrigin.INITIAL,
                ObjectType.USER, "u1", "Adele Vance", Operation.UPSERT,
                List.of(new TargetAttribute("userName", "adele@contoso.example", AttributeFlow.ALWAYS, false),
                        new TargetAttribute("active", true, AttributeFlow.ALWAYS, false)),
                List.of(new MatchingAttribute("userName", "adele@contoso.example", 1)), List.of(),
                Instant.parse("2026-12-04T13:29:46.123Z"), null,
                List.of(new ProvisioningStep("EntryImport", StepType.IMPORT, ProvisioningStatus.SUCCESS, "Received",
                        Map.of(ProvisioningCommand.COMMAND_INDEX_DETAIL, "1"))));
    }

    @Test
    void buildsNestedRecordsAndPrimitivesAsJacksonDoes() {
        byte[] json = RecordCodec.write(command());
        assertThat(RecordCodec.read(json, ProvisioningCommand.class)).isEqualTo(command())
                .isEqualTo(JACKSON.readValue(json, ProvisioningCommand.class));
        // absent primitive (schemaVersion) and absent lists: defaults, as Jackson gives them
        byte[] sparse = "{\"name\":\"userName\",\"value\":\"x\",\"priority\":2}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.mapper().readValue(sparse, MatchingAttribute.class))
                .isEqualTo(JACKSON.readValue(sparse, MatchingAttribute.class));
    }

    @Test
    void aRecordWhoseConstructorFailsReportsJacksonsOwnErrorNamingTheElement() {
        // ProvisioningStep copies its details with Map.copyOf, which refuses a null value
        String json = RecordCodec.writeString(command()).replace("\"commandIndex\":\"1\"", "\"commandIndex\":null");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Throwable ours = catchThrowable(() -> RecordCodec.mapper().readValue(bytes, ProvisioningCommand.class));
        Throwable jacksons = catchThrowable(() -> JACKSON.readValue(bytes, ProvisioningCommand.class));
        assertThat(ours).isNotNull().hasSameClassAs(jacksons);
        assertThat(ours.getMessage()).isEqualTo(jacksons.getMessage());
        assertThatThrownBy(() -> RecordCodec.read(bytes, ProvisioningCommand.class))
                .isInstanceOf(MalformedRecordException.class)
                .satisfies(e -> assertThat(((MalformedRecordException) e).field()).isEqualTo("decisionSteps[0]"));
    }

    @Test
    void aMissingElementFieldIsNamedWithItsIndex() {
        String json = RecordCodec.writeString(command()).replace("\"name\":\"active\",", "");
        assertThatThrownBy(() -> RecordCodec.read(json.getBytes(StandardCharsets.UTF_8), ProvisioningCommand.class))
                .isInstanceOf(MalformedRecordException.class)
                .satisfies(e -> assertThat(((MalformedRecordException) e).field()).isEqualTo("attributes[1].name"));
    }
}
