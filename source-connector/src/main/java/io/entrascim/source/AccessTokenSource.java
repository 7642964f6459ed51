package io.entrascim.source;

/** Bearer tokens for Graph: cached until shortly before they expire. */
interface AccessTokenSource {

    /** A valid access token; throws {@link GraphException} when the token endpoint refuses. */
    String token();

    /** Drops the cached token (Graph answered 401), so the next {@link #token()} fetches a new one. */
    void invalidate();
}
