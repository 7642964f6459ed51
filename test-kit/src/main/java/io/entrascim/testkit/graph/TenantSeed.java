package io.entrascim.testkit.graph;

/**
 * What a {@link DemoTenant} starts with: credentials of the registered app, the app's service principal
 * and a generated directory.
 *
 * @param tenantId           tenant id in the token URL ({@code /{tenantId}/oauth2/v2.0/token})
 * @param clientId           the only client id the token endpoint accepts
 * @param clientSecret       its secret
 * @param servicePrincipalId id of the provisioning app's service principal ({@code appRoleAssignedTo})
 * @param users              generated users
 * @param groups             generated groups
 * @param memberships        generated user memberships, spread over the groups (group 0 gets a fifth of them,
 *                           so one group is large enough to be split across delta pages)
 * @param assignedGroups     the first N generated groups are assigned to the app
 * @param assignedUsers      the first N generated users are assigned to the app directly
 * @param pageSize           objects per delta / list page
 * @param memberSliceSize    at most this many {@code members@delta} entries per page
 * @param randomSeed         makes generated ids repeatable
 */
public record TenantSeed(
        String tenantId,
        String clientId,
        String clientSecret,
        String servicePrincipalId,
        int users,
        int groups,
        int memberships,
        int assignedGroups,
        int assignedUsers,
        int pageSize,
        int memberSliceSize,
        long randomSeed) {

    public static final String DEFAULT_TENANT_ID = "0a0d2e4c-1f64-4b8c-9d1e-5ad3e0c0ffee";
    public static final String DEFAULT_CLIENT_ID = "6f1c9d3a-2b7e-4c55-8a90-7d4e2f1b0a11";
    public static final String DEFAULT_CLIENT_SECRET = "demo-client-secret";
    public static final String DEFAULT_SERVICE_PRINCIPAL_ID = "9b3e2f10-4c7d-4e21-b8a6-1f0c2d3e4a5b";

    public TenantSeed {
        if (users < 0 || groups < 0 || memberships < 0 || assignedGroups < 0 || assignedUsers < 0) {
            throw new IllegalArgumentException("seed counts must not be negative");
        }
        if (pageSize < 1 || memberSliceSize < 1) {
            throw new IllegalArgumentException("pageSize and memberSliceSize must be at least 1");
        }
        if (memberships > 0 && (groups == 0 || users == 0)) {
            throw new IllegalArgumentException("memberships need at least one user and one group");
        }
    }

    /** Default credentials, nothing in the directory. */
    public static TenantSeed empty() {
        return new TenantSeed(DEFAULT_TENANT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
                DEFAULT_SERVICE_PRINCIPAL_ID, 0, 0, 0, 0, 0, 100, 500, 42L);
    }

    /** What the local demo runs with: a few hundred users and groups, some of them assigned. */
    public static TenantSeed demo() {
        return empty().withUsers(300).withGroups(30).withMemberships(600).withAssignedGroups(3).withAssignedUsers(20);
    }

    public TenantSeed withUsers(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, n, groups, memberships,
                assignedGroups, assignedUsers, pageSize, memberSliceSize, randomSeed);
    }

    public TenantSeed withGroups(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, n, memberships,
                assignedGroups, assignedUsers, pageSize, memberSliceSize, randomSeed);
    }

    public TenantSeed withMemberships(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, n,
                assignedGroups, assignedUsers, pageSize, memberSliceSize, randomSeed);
    }

    public TenantSeed withAssignedGroups(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, memberships,
                n, assignedUsers, pageSize, memberSliceSize, randomSeed);
    }

    public TenantSeed withAssignedUsers(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, memberships,
                assignedGroups, n, pageSize, memberSliceSize, randomSeed);
    }

    public TenantSeed withPageSize(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, memberships,
                assignedGroups, assignedUsers, n, memberSliceSize, randomSeed);
    }

    public TenantSeed withMemberSliceSize(int n) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, memberships,
                assignedGroups, assignedUsers, pageSize, n, randomSeed);
    }

    /** Different seeds give different object ids, so several tenants can share one Kafka topic in tests. */
    public TenantSeed withRandomSeed(long seed) {
        return new TenantSeed(tenantId, clientId, clientSecret, servicePrincipalId, users, groups, memberships,
                assignedGroups, assignedUsers, pageSize, memberSliceSize, seed);
    }

    public TenantSeed withCredentials(String tenant, String client, String secret) {
        return new TenantSeed(tenant, client, secret, servicePrincipalId, users, groups, memberships,
                assignedGroups, assignedUsers, pageSize, memberSliceSize, randomSeed);
    }
}
