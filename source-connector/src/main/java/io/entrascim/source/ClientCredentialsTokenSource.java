package io.entrascim.source;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * OAuth 2.0 client credentials through Spring Security's authorized-client manager: it caches the token and asks
 * for a new one a minute before expiry. Works against login.microsoftonline.com and the demo tenant alike because
 * the token URI is configuration.
 */
final class ClientCredentialsTokenSource implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokenSource.class);
    private static final String REGISTRATION = "entra-graph";
    private static final String PRINCIPAL = "source-connector";

    private final InMemoryOAuth2AuthorizedClientService clients;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    /** Client secret or, when {@code source.graph.certificate.*} is set, the certificate loaded from it. */
    ClientCredentialsTokenSource(SourceProperties.Graph graph) {
        this(graph, graph.usesCertificate() ? CertificateCredential.load(graph.certificate()) : null);
    }

    /**
     * @param certificate null = authenticate with {@code graph.clientSecret()} ({@code client_secret_post});
     *                    otherwise RFC 7523 {@code private_key_jwt} client assertions signed with its key
     */
    ClientCredentialsTokenSource(SourceProperties.Graph graph, CertificateCredential certificate) {
        ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(graph.clientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(graph.effectiveTokenUrl())
                .scope(graph.scope());
        if (certificate == null) {
            LOG.info("Graph client credentials: client secret for client {}", graph.clientId());
            registration.clientSecret(graph.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            LOG.info("Graph client credentials: private_key_jwt for client {} with {}", graph.clientId(), certificate);
            registration.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        }
        InMemoryClientRegistrationRepository registrations =
                new InMemoryClientRegistrationRepository(registration.build());
        this.clients = new InMemoryOAuth2AuthorizedClientService(registrations);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> {
                    c.clockSkew(Duration.ofSeconds(60));
                    if (certificate != null) {
                        c.accessTokenResponseClient(assertionClient(certificate));
                    }
                })
                .build());
    }

    /**
     * Token requests that carry a {@code client_assertion} JWT (RS256, aud = token URL, iss = sub = client id, jti,
     * iat/nbf/exp) instead of a secret. Entra finds the uploaded certificate by the {@code x5t} header (SHA-1
     * thumbprint; {@code x5t#S256} is the newer form), so both are sent.
     */
    private static RestClientClientCredentialsTokenResponseClient assertionClient(CertificateCredential certificate) {
        NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> assertions =
                new NimbusJwtClientAuthenticationParametersConverter<>(registration -> certificate.jwk());
        assertions.setJwtClientAssertionCustomizer(context -> {
            context.getHeaders().x509SHA1Thumbprint(certificate.x5t());
            context.getHeaders().x509SHA256Thumbprint(certificate.x5tS256());
            Instant issuedAt = context.getClaims().build().getIssuedAt();
            context.getClaims().notBefore(issuedAt != null ? issuedAt : Instant.now());
        });
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.addParametersConverter(assertions);
        return client;
    }

    @Override
    public String token() {
        try {
            OAuth2AuthorizedClient client = manager.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL).build());
            if (client == null) {
                throw new GraphException(401, "tokenUnavailable", "the token endpoint issued no access token", false);
            }
            return client.getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            // The error carries the endpoint's code and description (AADSTS...), never the secret or the assertion.
            throw new GraphException(401, e.getError().getErrorCode(),
                    "token request refused: " + e.getError().getDescription(), false);
        } catch (RuntimeException e) {
            if (e instanceof GraphException g) {
                throw g;
            }
            throw new GraphException(0, "tokenEndpointUnreachable",
                    "token endpoint unreachable: " + e.getClass().getSimpleName(), true);
        }
    }

    @Override
    public void invalidate() {
        clients.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
    }
}
