package io.entrascim.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code source.*}: where Graph is, which app's assignments define the scope, how often to poll.
 *
 * @param graph              Microsoft Graph endpoint and the app registration's credentials
 * @param pollInterval       pause between incremental cycles
 * @param pollEnabled        false = cycles run only when triggered ({@code POST /api/cycles/trigger})
 * @param syncScope          {@code assigned}: only users/groups assigned to the app are in scope (Entra's
 *                           recommended setting); {@code all}: everything, assignment facts not evaluated
 * @param servicePrincipalId the provisioning app's service principal (its {@code appRoleAssignedTo} is the scope);
 *                           required with {@code sync-scope=assigned}
 * @param expandNestedGroups opt-in: members of groups nested in an assigned group are in scope too (Entra: no)
 * @param checkpointKey      key of this connector's record on {@code entra.checkpoints.v1}; one per tenant + app
 * @param checkpointTopic    compacted topic holding the delta links
 * @param progressEveryPages publish a PROGRESS cycle marker every N pages
 */
@Validated
@ConfigurationProperties("source")
public record SourceProperties(
        @Valid @NotNull Graph graph,
        @NotNull @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("true") boolean pollEnabled,
        @NotNull @DefaultValue("assigned") SyncScope syncScope,
        String servicePrincipalId,
        @DefaultValue("false") boolean expandNestedGroups,
        String checkpointKey,
        @NotBlank @DefaultValue("entra.checkpoints.v1") String checkpointTopic,
        @Min(1) @DefaultValue("10") int progressEveryPages) {

    public enum SyncScope { ASSIGNED, ALL }

    /** The Tanium SSO default mappings read these user attributes (plus {@code id}, always returned). */
    static final List<String> DEFAULT_USER_ATTRIBUTES = List.of("userPrincipalName", "displayName", "mailNickname",
            "accountEnabled", "givenName", "surname", "mail");

    @AssertTrue(message = "source.service-principal-id is required when source.sync-scope=assigned "
            + "(the object id of the app's service principal, whose appRoleAssignedTo defines who is in scope)")
    public boolean isServicePrincipalSetWhenScoped() {
        return syncScope != SyncScope.ASSIGNED || (servicePrincipalId != null && !servicePrincipalId.isBlank());
    }

    @AssertTrue(message = "source.poll-interval must be at least 1s")
    public boolean isPollIntervalPositive() {
        return pollInterval == null || pollInterval.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    /** The checkpoint key, defaulting to one per tenant and service principal. */
    String effectiveCheckpointKey() {
        if (checkpointKey != null && !checkpointKey.isBlank()) {
            return checkpointKey;
        }
        return "delta:" + graph.tenantId() + ":" + (servicePrincipalId == null ? "all" : servicePrincipalId);
    }

    /**
     * @param baseUrl         Graph root including the version, e.g. {@code https://graph.microsoft.com/v1.0}
     * @param tenantId        Entra tenant id (directory id)
     * @param clientId        app registration's application (client) id
     * @param clientSecret    its client secret; never logged. Exactly one of this or {@code certificate}
     * @param tokenUrl        OAuth2 token endpoint; default {@code https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token}
     * @param scope           client-credentials scope
     * @param userAttributes  user attributes to {@code $select} (every attribute a mapping or scoping filter reads)
     * @param groupAttributes group attributes to {@code $select}; {@code members} adds membership deltas
     * @param preferMinimal   send {@code Prefer: return=minimal} (only changed properties; the connector merges)
     * @param requestTimeout  per Graph request
     * @param maxAttempts     attempts per Graph request on 429 / 5xx / timeouts before the cycle fails
     * @param initialBackoff  first back-off on 5xx and timeouts (doubles per attempt)
     * @param maxBackoff      cap for back-off and for Retry-After
     * @param certificate     certificate credential ({@code private_key_jwt}) instead of the client secret
     */
    public record Graph(
            @NotBlank(message = "source.graph.base-url is required, e.g. https://graph.microsoft.com/v1.0")
            @DefaultValue("https://graph.microsoft.com/v1.0") String baseUrl,
            @NotBlank(message = "source.graph.tenant-id is required (the Entra directory id)") String tenantId,
            @NotBlank(message = "source.graph.client-id is required (the app registration's client id)") String clientId,
            String clientSecret,
            String tokenUrl,
            @NotBlank @DefaultValue("https://graph.microsoft.com/.default") String scope,
            @NotEmpty(message = "source.graph.user-attributes must list at least one attribute")
            @DefaultValue({"userPrincipalName", "displayName", "mailNickname", "accountEnabled", "givenName", "surname", "mail"})
            List<String> userAttributes,
            @NotEmpty(message = "source.graph.group-attributes must list at least one attribute")
            @DefaultValue({"displayName", "members"}) List<String> groupAttributes,
            @DefaultValue("false") boolean preferMinimal,
            @NotNull @DefaultValue("30s") Duration requestTimeout,
            @Min(value = 1, message = "source.graph.max-attempts must be at least 1") @DefaultValue("6") int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration initialBackoff,
            @NotNull @DefaultValue("60s") Duration maxBackoff,
            @Valid Certificate certificate) {

        @AssertTrue(message = "exactly one client credential is required: set source.graph.client-secret (env "
                + "SOURCE_GRAPH_CLIENT_SECRET) or a certificate, either source.graph.certificate.keystore "
                + "(+ keystore-password, keystore-alias) or source.graph.certificate.pem-certificate + "
                + "pem-private-key; not both")
        public boolean isExactlyOneCredential() {
            boolean secret = clientSecret != null && !clientSecret.isBlank();
            return secret != usesCertificate();
        }

        /** True when {@code source.graph.certificate.*} is configured: client assertions instead of the secret. */
        public boolean usesCertificate() {
            return certificate != null && certificate.isConfigured();
        }

        /** Token URL with the login.microsoftonline.com default filled in. */
        public String effectiveTokenUrl() {
            return tokenUrl == null || tokenUrl.isBlank()
                    ? "https://login.microsoftonline.com/" + tenantId + "/oauth2/v2.0/token" : tokenUrl;
        }

        /** Graph's toString would print the secret; this one does not. */
        @Override
        public String toString() {
            return "Graph[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", clientId=" + clientId
                    + ", clientSecret=" + (clientSecret == null ? "null" : "****") + ", certificate=" + certificate
                    + ", tokenUrl=" + effectiveTokenUrl() + "]";
        }
    }

    /**
     * {@code source.graph.certificate.*}: the app registration's certificate credential, used for RFC 7523
     * {@code private_key_jwt} client assertions instead of a client secret. Either a PKCS#12 keystore or a PEM
     * certificate + PEM private key (unencrypted PKCS#8 or PKCS#1).
     *
     * @param keystore         path of a PKCS#12 file holding the private key and its certificate
     * @param keystorePassword its password; never logged
     * @param keystoreAlias    the key entry to use; optional when the keystore holds exactly one
     * @param pemCertificate   path of the PEM certificate (the one uploaded to the app registration)
     * @param pemPrivateKey    path of its PEM private key
     */
    public record Certificate(String keystore, String keystorePassword, String keystoreAlias,
                              String pemCertificate, String pemPrivateKey) {

        boolean isConfigured() {
            return set(keystore) || set(keystorePassword) || set(keystoreAlias) || set(pemCertificate)
                    || set(pemPrivateKey);
        }

        boolean usesKeystore() {
            return set(keystore);
        }

        @AssertTrue(message = "source.graph.certificate: set either keystore (+ keystore-password) or "
                + "pem-certificate + pem-private-key, not both")
        public boolean isOneForm() {
            boolean pem = set(pemCertificate) || set(pemPrivateKey);
            return !(set(keystore) && pem) && (set(keystore) || pem || !isConfigured());
        }

        @AssertTrue(message = "source.graph.certificate.keystore-password is required with "
                + "source.graph.certificate.keystore (env SOURCE_GRAPH_CERTIFICATE_KEYSTORE_PASSWORD)")
        public boolean isKeystorePasswordSet() {
            return !set(keystore) || keystorePassword != null;
        }

        @AssertTrue(message = "source.graph.certificate.pem-certificate and source.graph.certificate.pem-private-key "
                + "must be set together")
        public boolean isPemComplete() {
            return set(pemCertificate) == set(pemPrivateKey) || set(keystore);
        }

        private static boolean set(String v) {
            return v != null && !v.isBlank();
        }

        @Override
        public String toString() {
            return set(keystore) ? "keystore[" + keystore + ", alias=" + keystoreAlias + ", password=****]"
                    : "pem[" + pemCertificate + ", key=" + pemPrivateKey + "]";
        }
    }
}
