package io.entrascim.mapper.mapping;

/**
 * @param jobId                    the provisioning job name carried by every result
 * @param skipOutOfScopeDeletions  Entra's SkipOutOfScopeDeletions: objects leaving scope are left alone
 */
public record MapperOptions(String jobId, boolean skipOutOfScopeDeletions) {
    public static final String DEFAULT_JOB_ID = "scim.tanium-sso";
}
