package io.entrascim.testkit.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /_demo/...} HTTP API: the same changes as {@link DemoTenant}'s Java API, for curl and the README.
 * Not a Graph API; no bearer token needed (it only ever runs locally).
 */
final class DemoAdminApi {

    private DemoAdminApi() {
    }

    static DemoTenant.Response handle(DemoTenant t, String method, String path, Map<String, Object> body) {
        String[] s = path.substring(1).split("/");
        String route = method + " " + shape(s);
        return switch (route) {
            case "GET info" -> ok(info(t));
            case "POST users" -> {
                String id = t.createUser(body);
                yield DemoTenant.Response.json(201, t.user(id));
            }
            case "GET users/*" -> {
                Map<String, Object> u = t.user(s[1]);
                yield u == null ? DemoTenant.graphError(404, "Request_ResourceNotFound", "no user " + s[1]) : ok(u);
            }
            case "PATCH users/*" -> {
                t.updateUser(s[1], body);
                yield ok(t.user(s[1]));
            }
            case "POST users/*/soft-delete" -> {
                t.softDeleteUser(s[1]);
                yield ok(Map.of("id", s[1], "state", "softDeleted"));
            }
            case "POST users/*/restore" -> {
                t.restoreUser(s[1]);
                yield ok(t.user(s[1]));
            }
            case "DELETE users/*" -> {
                t.hardDeleteUser(s[1]);
                yield ok(Map.of("id", s[1], "state", "deleted"));
            }
            case "POST users/seed" -> ok(Map.of("ids", t.seedUsers(intOf(body, "count"))));
            case "POST groups" -> {
                String id = t.createGroup(body);
                yield DemoTenant.Response.json(201, Map.of("id", id));
            }
            case "PATCH groups/*" -> {
                t.updateGroup(s[1], body);
                yield ok(Map.of("id", s[1]));
            }
            case "DELETE groups/*" -> {
                t.deleteGroup(s[1]);
                yield ok(Map.of("id", s[1], "state", "deleted"));
            }
            case "GET groups/*/members" -> ok(Map.of("members", t.members(s[1])));
            case "POST groups/*/members" -> {
                t.addMember(s[1], stringOf(body, "id"));
                yield ok(Map.of("members", t.members(s[1])));
            }
            case "DELETE groups/*/members/*" -> {
                t.removeMember(s[1], s[3]);
                yield ok(Map.of("members", t.members(s[1])));
            }
            case "POST groups/seed" -> ok(Map.of("ids", t.seedGroups(intOf(body, "count"))));
            case "GET assignments" -> ok(Map.of("value", t.assignmentsJson()));
            case "POST assignments" -> {
                Object role = body.get("appRoleId");
                String id = t.assign(stringOf(body, "principalId"), role == null ? null : role.toString());
                yield DemoTenant.Response.json(201, Map.of("id", id));
            }
            case "DELETE assignments/*" -> t.unassign(s[1]) ? ok(Map.of("removed", s[1]))
                    : DemoTenant.graphError(404, "Request_ResourceNotFound", "no assignment for " + s[1]);
            case "POST faults" -> {
                t.failAfter(body.containsKey("after") ? intOf(body, "after") : 0, intOf(body, "count"),
                        intOf(body, "status"), body.containsKey("retryAfterSeconds") ? intOf(body, "retryAfterSeconds") : -1);
                yield ok(Map.of("armed", true));
            }
            case "DELETE faults" -> {
                t.clearFaults();
                yield ok(Map.of("armed", false));
            }
            case "POST revoke-access-tokens" -> {
                t.revokeAccessTokens();
                yield ok(Map.of("revoked", true));
            }
            case "POST certificates" -> {
                java.security.cert.X509Certificate c = pemCertificate(stringOf(body, "pem"));
                t.registerCertificate(c);
                yield DemoTenant.Response.json(201, Map.of("x5t", ClientAssertionVerifier.thumbprint(c, "SHA-1"),
                        "x5t#S256", ClientAssertionVerifier.thumbprint(c, "SHA-256")));
            }
            case "DELETE certificates" -> {
                t.clearCertificates();
                yield ok(Map.of("cleared", true));
            }
            case "POST expire-delta-tokens" -> {
                t.expireDeltaTokens();
                yield ok(Map.of("expired", true));
            }
            default -> DemoTenant.graphError(404, "Request_ResourceNotFound", "No demo admin route " + method + " " + path
                    + "; see GET /_demo/info");
        };
    }

    /** Path shape with ids replaced by '*', keeping the fixed words. */
    private static String shape(String[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            boolean fixed = i == 0 || List.of("members", "soft-delete", "restore", "seed").contains(s[i]);
            if (i == 1 && s[1].equals("seed")) {
                fixed = true;
            }
            b.append(fixed ? s[i] : "*");
        }
        return b.toString();
    }

    private static Map<String, Object> info(DemoTenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graphUrl", t.graphUrl());
        m.put("tokenUrl", t.tokenUrl());
        m.put("tenantId", t.tenantId());
        m.put("clientId", t.clientId());
        m.put("servicePrincipalId", t.servicePrincipalId());
        m.put("users", t.userCount());
        m.put("groups", t.groupCount());
        m.put("routes", List.of("GET info", "POST users", "GET|PATCH|DELETE users/{id}", "POST users/{id}/soft-delete",
                "POST users/{id}/restore", "POST users/seed {count}", "POST groups", "PATCH|DELETE groups/{id}",
                "GET|POST groups/{id}/members {id}", "DELETE groups/{id}/members/{memberId}", "POST groups/seed {count}",
                "GET|POST assignments {principalId}", "DELETE assignments/{principalOrAssignmentId}",
                "POST|DELETE faults {after,count,status,retryAfterSeconds}", "POST expire-delta-tokens",
                "POST revoke-access-tokens", "POST certificates {pem}", "DELETE certificates"));
        return m;
    }

    /** A PEM (or base64 DER) X.509 certificate, as the Entra portal's certificate upload accepts. */
    private static java.security.cert.X509Certificate pemCertificate(String pem) {
        try {
            String b64 = pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
            byte[] der = java.util.Base64.getDecoder().decode(b64);
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'pem' is not an X.509 certificate: " + e.getMessage());
        }
    }

    private static DemoTenant.Response ok(Object body) {
        return DemoTenant.Response.json(200, body);
    }

    private static String stringOf(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required (a string)");
        }
        return s;
    }

    private static int intOf(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + field + "' is required (a number)");
        }
        return n.intValue();
    }
}
