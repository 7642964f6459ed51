package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailureTest extends SinkTestBase {

    @Test
    void unacknowledgedResultSendsRedeliverTheCommandInsteadOfSkippingIt() {
        String id = newId();
        String userName = "unacked-" + id + "@contoso.com";
        // More failures than the binder's default handler tolerates (10 attempts) before it skips a record.
        FlakySends.failNext(15, id);
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Unacked"));
        send(c);
        ProvisioningResult r = awaitResult(x -> x.changeId().equals(c.causingEventId()), Duration.ofSeconds(40));
        assertThat(FlakySends.injected.get()).isEqualTo(15);
        assertThat(r.action()).isIn(ProvisioningAction.CREATE, ProvisioningAction.UPDATE);
        assertThat(r.status()).isIn(ProvisioningStatus.SUCCESS, ProvisioningStatus.SKIPPED);
        assertThat(TARGET.users()).filteredOn(u -> userName.equals(u.get("userName"))).hasSize(1);
        assertThat(deadLettersFor(id)).isEmpty();
    }
}
