package io.entrascim.mapper.expression;

import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

import io.entrascim.contracts.AppRoleAssignmentFact;

/**
 * Everything an expression may read while it is evaluated. Not thread-safe: one context per
 * thread, reused across evaluations ({@link Expression#evaluate} resets its flags).
 */
public final class EvaluationContext {
    private final AttributeSource attributes;
    private final List<AppRoleAssignmentFact> appRoleAssignments;
    private final Clock clock;
    private final RandomGenerator random;
    private final UniquenessCheck uniqueness;
    boolean dropped;
    boolean redacted;

    public EvaluationContext(AttributeSource attributes, List<AppRoleAssignmentFact> appRoleAssignments, Clock clock,
                             RandomGenerator random, UniquenessCheck uniqueness) {
        this.attributes = attributes;
        this.appRoleAssignments = appRoleAssignments == null ? List.of() : appRoleAssignments;
        this.clock = clock;
        this.random = random;
        this.uniqueness = uniqueness;
    }

    /** A context over plain attributes, UTC clock, secure random, no target uniqueness lookup. */
    public static EvaluationContext of(AttributeSource attributes) {
        return new EvaluationContext(attributes, List.of(), Clock.systemUTC(), new java.security.SecureRandom(),
                UniquenessCheck.ASSUME_UNIQUE);
    }

    Object attribute(String name) {
        if ("appRoleAssignments".equals(name)) {
            Object explicit = attributes.get(name);
            return explicit != null ? explicit : (appRoleAssignments.isEmpty() ? null : appRoleAssignments);
        }
        return Values.normalize(attributes.get(name));
    }

    List<AppRoleAssignmentFact> appRoleAssignments() {
        return appRoleAssignments;
    }

    Clock clock() {
        return clock;
    }

    RandomGenerator random() {
        return random;
    }

    UniquenessCheck uniqueness() {
        return uniqueness;
    }
}
