package io.entrascim.sink.core;

import io.entrascim.sink.scim.ResourceKind;
import io.entrascim.sink.scim.ScimClient;
import io.entrascim.sink.scim.ScimHttpException;
import io.entrascim.sink.scim.ScimResponse;
import io.entrascim.sink.scim.ScimTransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Entra's Test Connection: {@code GET /Users?filter=userName eq "<random guid>"} must answer 200 with
 * an empty ListResponse. Also checks that the token looks like Tanium's ({@code token-} + 58 alphanumerics).
 */
public final class ConnectionTester {

    private static final Pattern TANIUM_TOKEN = Pattern.compile("token-[A-Za-z0-9]{58}");

    /** The verdict, with what to fix; never contains the token. */
    public record Report(boolean ok, Integer httpStatus, String message, List<String> warnings, long durationMs) {
    }

    private final ScimClient scim;
    private final String baseUrl;
    private final String token;

    /** @param scim a client without retries, so a bad answer is reported at once */
    public ConnectionTester(ScimClient scim, String baseUrl, String token) {
        this.scim = scim;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public Report test() {
        List<String> warnings = tokenWarnings(token);
        long start = System.nanoTime();
        try {
            ScimResponse r = scim.findEq(ResourceKind.USER, "userName", UUID.randomUUID().toString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            int found = r.body().path("Resources").size();
            long total = r.body().path("totalResults").asLong(found);
            if (found > 0 || total > 0) {
                return new Report(false, r.status(), "The target answered " + r.status() + " but returned " + Math.max(found, total)
                        + " user(s) for a userName that cannot exist: it ignores the filter, so matching would link wrong users",
                        warnings, ms);
            }
            return new Report(true, r.status(), "Connected to " + baseUrl + ": GET /Users with a userName filter answered "
                    + r.status() + " with an empty ListResponse", warnings, ms);
        } catch (ScimHttpException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Report(false, e.status(), message(e), warnings, ms);
        } catch (ScimTransportException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Report(false, null, "Cannot reach " + baseUrl + ": " + e.getMessage()
                    + ". Check sink.scim.base-url, the network path and TLS trust.", warnings, ms);
        }
    }

    private String message(ScimHttpException e) {
        return switch (e.status()) {
            case 401 -> "401 Unauthorized: the target rejected the bearer token. Paste the full Secret Token again "
                    + "(sink.scim.token); Tanium tokens start with 'token-'.";
            case 403 -> "403 Forbidden: the token was accepted but may not read users. Give the token's account "
                    + "provisioning rights in the target.";
            case 404 -> "404 Not Found: there is no SCIM /Users endpoint under " + baseUrl
                    + ". Check sink.scim.base-url: it must be the SCIM root (the Tenant URL), e.g. https://host/scim/v2.";
            default -> "The target answered " + e.status() + (e.error().detail() == null ? "" : ": " + e.error().detail())
                    + " instead of 200 with an empty ListResponse.";
        };
    }

    static List<String> tokenWarnings(String token) {
        List<String> warnings = new ArrayList<>();
        if (token == null || token.isBlank()) {
            warnings.add("No token is configured (sink.scim.token).");
        } else if (!token.startsWith("token-")) {
            warnings.add("The token does not start with the 'token-' prefix Tanium issues; "
                    + "paste the whole token including 'token-'.");
        } else if (!TANIUM_TOKEN.matcher(token).matches()) {
            warnings.add("The token starts with 'token-' but is not followed by exactly 58 letters and digits "
                    + "(it has " + (token.length() - 6) + " characters after the prefix); it may be truncated.");
        }
        return warnings;
    }
}
