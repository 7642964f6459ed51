package io.entrascim.sink.core;

import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.ReportingService;
import io.entrascim.sink.scim.ErrorClass;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns {@link Outcome}s into {@link ProvisioningResult}s with ids that are stable across redelivery. */
public final class Results {

    /**
     * Longest value a result carries (old and new values of modified properties, error texts). A result is one Kafka
     * record: an attribute of hundreds of KB (hostile or not), shown old and new, or a huge SCIM error body, would make
     * it larger than the producer accepts, and the command would then be redelivered for ever. The whole value is in
     * the source and the target; the audit log shows its start and its length.
     */
    static final int MAX_VALUE_CHARS = 4096;

    private final String jobId;

    public Results(String jobId) {
        this.jobId = jobId;
    }

    /** Deterministic: the same decision for the same command (and replay) always gets the same id. */
    public static String resultId(ProvisioningCommand c, Outcome o) {
        String name = "scim-sink:" + c.commandId() + ":" + o.key() + ":" + o.action() + ":" + o.status()
                + (c.replayOf() == null ? "" : ":replay:" + c.replayOf());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The result of one outcome of a command. The command's own outcome (not the references it resolved on the way)
     * starts with the mapper's steps the command carries, so the entry reads from the Entra change to the SCIM write.
     */
    public ProvisioningResult of(ProvisioningCommand c, Outcome o) {
        boolean main = o.key().equals("main");
        ObjectType type = main ? c.objectType() : o.key().startsWith("mgr:") ? ObjectType.USER : ObjectType.GROUP;
        List<ProvisioningStep> steps = o.steps();
        if (main && !c.decisionSteps().isEmpty()) {
            steps = new ArrayList<>(c.decisionSteps().size() + o.steps().size());
            for (ProvisioningStep s : c.decisionSteps()) {
                steps.add(capped(s));
            }
            steps.addAll(o.steps());
        }
        return build(resultId(c, o), c.replayOf() != null ? CycleOrigin.REPLAY : c.origin(), type,
                main ? c.sourceDisplayName() : null, o, steps, c.replayOf());
    }

    /**
     * A result of an escrow retry ({@code POST /api/restart?scope=escrows}), which has no command of its own:
     * the id is stable for the same parked reference and decision.
     */
    public ProvisioningResult ofEscrow(ObjectType type, Outcome o) {
        String name = "scim-sink:escrow:" + o.key() + ":" + o.changeId() + ":" + o.action() + ":" + o.status();
        return build(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), CycleOrigin.INCREMENTAL,
                type, null, o, o.steps(), null);
    }

    private ProvisioningResult build(String id, CycleOrigin origin, ObjectType type, String sourceDisplayName, Outcome o,
                                     List<ProvisioningStep> steps, String replayOf) {
        String identityType = type == ObjectType.GROUP ? "Group" : "User";
        ErrorInfo error = null;
        if (o.failure() != null) {
            Outcome.Failure f = o.failure();
            StringBuilder details = new StringBuilder();
            if (f.httpStatus() != null) {
                details.append("HTTP ").append(f.httpStatus());
            }
            if (f.scimType() != null) {
                details.append(details.isEmpty() ? "" : "; ").append("scimType=").append(f.scimType());
            }
            if (f.detail() != null) {
                details.append(details.isEmpty() ? "" : "; ").append("detail=").append(f.detail());
            }
            details.append(details.isEmpty() ? "" : "; ").append("attempts=").append(f.attempts());
            error = new ErrorInfo(f.errorCode(), capped(f.reason()), capped(details.toString()),
                    f.errorClass() == ErrorClass.RETRIABLE ? "failure" : "nonServiceFailure", f.recommendedAction());
        }
        return new ProvisioningResult(ProvisioningResult.VERSION, id, o.changeId(), o.cycleId(), jobId,
                Instant.now(), o.millis(), o.action(), o.status(), ReportingService.SCIM_SINK, origin,
                new Identity(o.sourceId(), sourceDisplayName, identityType),
                new Identity(o.targetId(), o.targetName(), identityType),
                steps, o.modified().stream().map(Results::capped).toList(), error, replayOf);
    }

    private static ModifiedProperty capped(ModifiedProperty m) {
        return m.oldValue() != null && m.oldValue().length() > MAX_VALUE_CHARS
                || m.newValue() != null && m.newValue().length() > MAX_VALUE_CHARS
                ? new ModifiedProperty(m.displayName(), capped(m.oldValue()), capped(m.newValue())) : m;
    }

    /** A mapping step's details show every mapped value: the same cap as a modified property's. */
    private static ProvisioningStep capped(ProvisioningStep s) {
        boolean over = false;
        for (String v : s.details().values()) {
            over |= v != null && v.length() > MAX_VALUE_CHARS;
        }
        if (!over) {
            return s;
        }
        Map<String, String> details = new LinkedHashMap<>();
        s.details().forEach((k, v) -> details.put(k, capped(v)));
        return new ProvisioningStep(s.name(), s.type(), s.status(), s.description(), details);
    }

    static String capped(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return value.substring(0, MAX_VALUE_CHARS) + "… [truncated: " + value.length() + " characters]";
    }
}
