package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.testkit.scim.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real SMTP (GreenMail) on a dynamic port; digest interval 2 s and two recipients in the shared configuration. */
class NotificationMailTest extends SinkTestBase {

    @Test
    void deadLetteredCommandsAreMailedAsOneDigestWithCountsAndExamples() {
        List<ProvisioningCommand> failing = new ArrayList<>();
        TARGET.faults().next(3, Fault.status(400));
        for (int i = 0; i < 3; i++) {
            String id = newId();
            ProvisioningCommand c = user(id, Operation.UPSERT, "mail-" + id + "@contoso.com", Map.of("displayName", "M"));
            failing.add(c);
            send(c);
        }
        failing.forEach(c -> assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.FAILURE));

        await().atMost(Duration.ofSeconds(15)).until(() -> failing.stream().allMatch(c -> Mails.received().stream()
                .anyMatch(m -> m.body().contains(c.sourceObjectId()))));
        // one digest per interval, not one mail per object: the three failures, ~50 ms apart, take one digest, or two
        // when an interval ends between them (one copy per recipient's mailbox each)
        List<Mails.Mail> digests = Mails.received().stream()
                .filter(m -> failing.stream().anyMatch(c -> m.body().contains(c.sourceObjectId()))).toList();
        assertThat(digests.size()).isIn(2, 4);
        assertThat(digests).extracting(Mails.Mail::to).containsOnly("[ops@example.com, iam-team@example.com]");
        Mails.Mail digest = digests.get(0);
        assertThat(digest.from()).isEqualTo("[scim-sink@example.com]");
        assertThat(digest.subject()).contains("[scim-sink scim.tanium-sso]").contains("failure(s)");
        assertThat(digest.body()).contains("failed and were dead-lettered").contains("BadRequest (HTTP 400)")
                .contains("GET /api/dead-letters");
        assertThat(Mails.received()).noneMatch(m -> m.body().contains(TARGET.token()) || m.subject().contains(TARGET.token()));
    }

    @Test
    void enteringQuarantineIsMailedOnceWithTheReason() throws InterruptedException {
        int before = quarantineMails().size();
        String id = newId();
        TARGET.faults().next(1, Fault.status(401));
        ProvisioningCommand c = user(id, Operation.UPSERT, "mail-q-" + id + "@contoso.com", Map.of("displayName", "M"));
        send(c);
        assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        // one mail (a copy per recipient's mailbox) for the entry, none for the exit
        await().atMost(Duration.ofSeconds(10)).until(() -> quarantineMails().size() == before + 2);
        Thread.sleep(1000);
        assertThat(quarantineMails()).hasSize(before + 2);
        Mails.Mail mail = quarantineMails().get(quarantineMails().size() - 1);
        assertThat(mail.body()).contains("EncounteredQuarantineException").contains("HTTP 401")
                .contains("POST /api/quarantine/release").doesNotContain(TARGET.token());
    }

    private static List<Mails.Mail> quarantineMails() {
        return Mails.received().stream().filter(m -> m.subject().contains("has been quarantined")).toList();
    }
}
