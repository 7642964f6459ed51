package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain tests (no Spring, no Kafka) of the client-credentials flow and the Graph client against the demo tenant. */
class GraphAuthenticationTest {

    private DemoTenant tenant;

    @BeforeEach
    void start() {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(3).withRandomSeed(401));
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    private SourceProperties.Graph graph(String secret) {
        return new SourceProperties.Graph(tenant.graphUrl(), tenant.tenantId(), tenant.clientId(), secret,
                tenant.tokenUrl(), "https://graph.microsoft.com/.default", SourceProperties.DEFAULT_USER_ATTRIBUTES,
                List.of("displayName", "members"), false, Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                Duration.ofSeconds(1), null);
    }

    @Test
    void cachesTheTokenAcrossRequestsAndRefreshesItWhenItExpires() throws Exception {
        GraphClient client = new GraphClient(graph(tenant.clientSecret()), new ClientCredentialsTokenSource(graph(tenant.clientSecret())));
        client.delta(client.usersDeltaUrl());
        client.delta(client.usersDeltaUrl());
        client.user(tenant.user("user0@demo.entrascim.io").get("id").toString());
        assertThat(tenant.tokenRequestCount()).isEqualTo(1);

        // 61 s lifetime minus the 60 s clock skew: due for renewal after about a second.
        tenant.setTokenLifetime(Duration.ofSeconds(61));
        ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(graph(tenant.clientSecret()));
        GraphClient shortLived = new GraphClient(graph(tenant.clientSecret()), tokens);
        shortLived.delta(shortLived.usersDeltaUrl());
        long issued = tenant.tokenRequestCount();
        Thread.sleep(1500);
        shortLived.delta(shortLived.usersDeltaUrl());
        assertThat(tenant.tokenRequestCount()).isEqualTo(issued + 1);
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheRequestSucceeds() {
        GraphClient client = new GraphClient(graph(tenant.clientSecret()), new ClientCredentialsTokenSource(graph(tenant.clientSecret())));
        client.delta(client.usersDeltaUrl());
        long issued = tenant.tokenRequestCount();
        tenant.revokeAccessTokens();
        assertThat(client.delta(client.usersDeltaUrl()).value()).hasSize(3);
        assertThat(tenant.tokenRequestCount()).isEqualTo(issued + 1);
        assertThat(client.retryCount()).as("a 401 refresh is not a back-off").isZero();
    }

    @Test
    void aWrongSecretFailsWithTheEndpointsReasonAndNeverTheSecret() {
        String secret = "s3cr3t-that-must-not-leak";
        GraphClient client = new GraphClient(graph(secret), new ClientCredentialsTokenSource(graph(secret)));
        assertThatThrownBy(() -> client.delta(client.usersDeltaUrl()))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(secret));
        assertThat(graph(secret).toString()).doesNotContain(secret);
    }

    @Test
    void lookupsByIdAndUpnReturnNullForAbsentObjects() {
        GraphClient client = new GraphClient(graph(tenant.clientSecret()), new ClientCredentialsTokenSource(graph(tenant.clientSecret())));
        assertThat(client.userByUpn("user1@demo.entrascim.io")).containsEntry("displayName", "Demo User 1");
        assertThat(client.userByUpn("nobody@demo.entrascim.io")).isNull();
        assertThat(client.user("00000000-0000-0000-0000-000000000001")).isNull();
        assertThat(client.group("00000000-0000-0000-0000-000000000001")).isNull();
    }
}
