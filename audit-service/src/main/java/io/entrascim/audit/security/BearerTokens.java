package io.entrascim.audit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Maps a presented bearer token to a principal. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither content nor length leaks through timing; the tokens themselves are
 * never logged or echoed.
 */
public class BearerTokens {

    /** The roles of each principal; an operator can also read. */
    public record Principal(String name, List<String> roles) {
    }

    static final Principal READER = new Principal("reader", List.of("READER"));
    static final Principal OPERATOR = new Principal("operator", List.of("READER", "OPERATOR"));

    private final byte[] readerDigest;
    private final byte[] operatorDigest;

    public BearerTokens(String readerToken, String operatorToken) {
        this.readerDigest = digest(readerToken);
        this.operatorDigest = digest(operatorToken);
    }

    public Optional<Principal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] d = digest(presented);
        boolean operator = MessageDigest.isEqual(d, operatorDigest);
        boolean reader = MessageDigest.isEqual(d, readerDigest);
        return operator ? Optional.of(OPERATOR) : reader ? Optional.of(READER) : Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
