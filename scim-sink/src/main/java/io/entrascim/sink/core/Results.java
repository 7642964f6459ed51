package io.entrascim.sink.core;

import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ReportingService;
import io.entrascim.sink.scim.ErrorClass;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Turns {@link Outcome}s into {@link ProvisioningResult}s with ids that are stable across redelivery. */
public final class Results {

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

    public ProvisioningResult of(ProvisioningCommand c, Outcome o) {
        boolean main = o.key().equals("main");
        ObjectType type = main ? c.objectType() : o.key().startsWith("mgr:") ? ObjectType.USER : ObjectType.GROUP;
        return build(resultId(c, o), c.replayOf() != null ? CycleOrigin.REPLAY : c.origin(), type,
                main ? c.sourceDisplayName() : null, o, c.replayOf());
    }

    /**
     * A result of an escrow retry ({@code POST /api/restart?scope=escrows}), which has no command of its own:
     * the id is stable for the same parked reference and decision.
     */
    public ProvisioningResult ofEscrow(ObjectType type, Outcome o) {
        String name = "scim-sink:escrow:" + o.key() + ":" + o.changeId() + ":" + o.action() + ":" + o.status();
        return build(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), CycleOrigin.INCREMENTAL,
                type, null, o, null);
    }

    private ProvisioningResult build(String id, CycleOrigin origin, ObjectType type, String sourceDisplayName, Outcome o,
                                     String replayOf) {
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
            error = new ErrorInfo(f.errorCode(), f.reason(), details.toString(),
                    f.errorClass() == ErrorClass.RETRIABLE ? "failure" : "nonServiceFailure", f.recommendedAction());
        }
        return new ProvisioningResult(ProvisioningResult.VERSION, id, o.changeId(), o.cycleId(), jobId,
                Instant.now(), o.millis(), o.action(), o.status(), ReportingService.SCIM_SINK, origin,
                new Identity(o.sourceId(), sourceDisplayName, identityType),
                new Identity(o.targetId(), o.targetName(), identityType),
                o.steps(), o.modified(), error, replayOf);
    }
}
