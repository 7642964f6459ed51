package io.entrascim.mapper.expression;

/**
 * SelectUniqueValue asks the target whether a candidate value is free. The mapper is stateless and
 * does not read the target, so the default answers "unique" and the first non-empty rule wins.
 */
@FunctionalInterface
public interface UniquenessCheck {
    UniquenessCheck ASSUME_UNIQUE = (attribute, value) -> true;

    boolean isUnique(String targetAttribute, String value);
}
