package io.entrascim.local.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.entrascim.contracts.RecordCodec;
import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import io.entrascim.testkit.load.LeanPostLoad;
import tools.jackson.databind.JsonNode;

/**
 * Runs the cycle's traffic through a throwaway demo tenant and SCIM target (the same classes as the benchmark's, in
 * this JVM) until this JVM's JIT compilers fall quiet. Microsoft Graph and a Tanium tenant are long-running remote
 * services whose request paths were compiled long before any provisioning cycle; their stand-ins here share the
 * JVM's compiler with the benchmark, and compiling their Graph paging, SCIM create and membership PATCH paths inside
 * the cycle (measured at ~4 CPU s, after the raw-capacity run had already compiled a create-only profile) is a cost
 * of the benchmark's set-up, not of the pipeline. The warm-up's figures are reported, and {@code --cold-stand-ins}
 * skips it.
 */
final class StandInWarmUp {

    private static final int USERS = 3_000;
    private static final int GROUPS = 60;
    private static final int SCIM_WRITERS = 6;
    private static final String USER_SELECT = "userPrincipalName,displayName,mailNickname,accountEnabled,givenName,surname,mail";

    private final int pageSize;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    StandInWarmUp(int pageSize) {
        this.pageSize = pageSize;
    }

    /**
     * Reads the tenant's deltas and writes users, groups and memberships to the target for {@code load}, then waits
     * (at most {@code settle}) until this JVM's compiler threads use under 2 % of a core.
     */
    Map<String, Object> run(Duration load, Duration settle) throws Exception {
        long self = ProcessHandle.current().pid();
        double cpuBefore = ProcFigures.cpuSeconds(self);
        long started = System.nanoTime();
        AtomicLong graphPages = new AtomicLong();
        AtomicLong scimRequests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        try (JitCpuMeter jit = new JitCpuMeter(Map.of("benchmark-jvm", self));
             DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(USERS).withGroups(GROUPS)
                     .withMemberships(USERS).withPageSize(pageSize));
             FastScimTarget target = FastScimTarget.start(0)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            threads.add(new Thread(() -> readDeltas(tenant, stop, graphPages, failures), "stand-in-warm-up-graph"));
            for (int i = 0; i < SCIM_WRITERS; i++) {
                int writer = i;
                threads.add(new Thread(() -> writeScim(target, writer, stop, scimRequests, failures),
                        "stand-in-warm-up-scim-" + i));
            }
            threads.forEach(Thread::start);
            Thread.sleep(load.toMillis());
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            long loaded = System.nanoTime();
            BrokerWarmUp.awaitCompilerQuiet(jit, "benchmark-jvm", loaded + settle.toNanos());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("graphPagesRead", graphPages.get());
            r.put("scimRequests", scimRequests.get());
            r.put("failedRequests", failures.get());
            r.put("loadSeconds", load.toSeconds());
            r.put("settleSeconds", Math.round((System.nanoTime() - loaded) / 1e7) / 100.0);
            r.put("cpuSeconds", Math.round((ProcFigures.cpuSeconds(self) - cpuBefore) * 100) / 100.0);
            r.put("compilerCpuSeconds", jit.secondsSoFar().get("benchmark-jvm"));
            r.put("wallSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            return r;
        }
    }

    /** Full user and group delta rounds, page by page, as the source connector reads them. */
    private void readDeltas(DemoTenant tenant, AtomicBoolean stop, AtomicLong pages, AtomicLong failures) {
        try {
            String token = token(tenant);
            while (!stop.get()) {
                for (String start : List.of(tenant.graphUrl() + "/users/delta?$select=" + encode(USER_SELECT),
                        tenant.graphUrl() + "/groups/delta?$select=" + encode("displayName,members"))) {
                    String url = start;
                    while (url != null && !stop.get()) {
                        HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (page.statusCode() != 200) {
                            failures.incrementAndGet();
                            break;
                        }
                        pages.incrementAndGet();
                        JsonNode next = RecordCodec.mapper().readTree(page.body()).get("@odata.nextLink");
                        url = next == null ? null : next.asString();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stand-in warm-up: reading the demo tenant failed", e);
        }
    }

    /** Users created one by one, and every tenth request a group given ten of them, as the sink writes them. */
    private void writeScim(FastScimTarget target, int writer, AtomicBoolean stop, AtomicLong requests, AtomicLong failures) {
        List<String> created = new ArrayList<>();
        try {
            for (long i = 0; !stop.get(); i++) {
                String name = "warm-up-" + writer + "-" + i;
                if (i % 10 == 9) {
                    String group = idOf(send(target, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                            + "\"displayName\":\"" + name + "\",\"externalId\":\"" + name + "\"}", 201, requests, failures));
                    StringBuilder members = new StringBuilder();
                    for (String member : created) {
                        members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(member).append("\"}");
                    }
                    created.clear();
                    if (group != null) {
                        send(target, "PATCH", "/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + members + "]}]}", 204,
                                requests, failures);
                    }
                } else {
                    String user = idOf(send(target, "POST", "/Users", LeanPostLoad.rawUser(name), 201, requests, failures));
                    if (user != null) {
                        created.add(user);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> send(FastScimTarget target, String method, String path, String body, int expected,
                                      AtomicLong requests, AtomicLong failures) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + target.token())
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            requests.incrementAndGet();
            if (response.statusCode() != expected && !(expected == 204 && response.statusCode() == 200)) {
                failures.incrementAndGet();
                return null;
            }
            return response;
        } catch (java.io.IOException e) {
            failures.incrementAndGet();
            return null;
        }
    }

    private static String idOf(HttpResponse<byte[]> created) {
        if (created == null) {
            return null;
        }
        JsonNode id = RecordCodec.mapper().readTree(created.body()).get("id");
        return id == null ? null : id.asString();
    }

    private String token(DemoTenant tenant) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + encode(tenant.clientId()) + "&client_secret="
                + encode(tenant.clientSecret()) + "&scope=" + encode("https://graph.microsoft.com/.default");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(tenant.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stand-in warm-up: the demo tenant refused a token: HTTP " + response.statusCode());
        }
        return RecordCodec.mapper().readTree(response.body()).get("access_token").asString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
