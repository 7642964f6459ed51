package io.entrascim.source;

import java.time.Duration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
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

    private static final String REGISTRATION = "entra-graph";
    private static final String PRINCIPAL = "source-connector";

    private final InMemoryOAuth2AuthorizedClientService clients;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    ClientCredentialsTokenSource(SourceProperties.Graph graph) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(graph.clientId())
                .clientSecret(graph.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(graph.effectiveTokenUrl())
                .scope(graph.scope())
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        this.clients = new InMemoryOAuth2AuthorizedClientService(registrations);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.clockSkew(Duration.ofSeconds(60)))
                .build());
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
            // The error carries the endpoint's code and description (AADSTS...), never the secret.
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
