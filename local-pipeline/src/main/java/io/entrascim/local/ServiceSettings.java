package io.entrascim.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.testkit.graph.DemoTenant;

/**
 * How each service is configured in the local run: the same properties a deployment sets, pointed at
 * the local broker, database and stand-ins (or the external endpoints). Secrets go into the child's
 * environment, never onto its command line.
 */
final class ServiceSettings {

    record Service(String name, int port, String heap, Map<String, String> properties, Map<String, String> secrets) {
    }

    /** The SCIM target started by the launcher (either kind), or null when an external one is used. */
    record LocalTarget(String baseUrl, String token) {
    }

    private final LocalStackOptions options;
    private final String kafka;
    private final LocalDatabase database;
    private final DemoTenant tenant;
    private final LocalTarget target;
    private final String auditReaderToken;
    private final String auditOperatorToken;
    /** Tells this run's demo tenant apart from earlier runs' (see {@link #source()}). */
    private final String runId = java.util.UUID.randomUUID().toString();

    ServiceSettings(LocalStackOptions options, String kafka, LocalDatabase database, DemoTenant tenant, LocalTarget target,
                    String auditReaderToken, String auditOperatorToken) {
        this.options = options;
        this.kafka = kafka;
        this.database = database;
        this.tenant = tenant;
        this.target = target;
        this.auditReaderToken = auditReaderToken;
        this.auditOperatorToken = auditOperatorToken;
    }

    List<Service> all() {
        return List.of(source(), mapper(), sink(), audit());
    }

    private Map<String, String> common() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", kafka);
        p.put("pipeline.job-id", LocalStack.JOB_ID);
        return p;
    }

    Service source() {
        Map<String, String> p = common();
        Map<String, String> secrets = new LinkedHashMap<>();
        p.put("source.poll-interval", options.pollInterval().toMillis() + "ms");
        if (tenant != null) {
            p.put("source.graph.base-url", tenant.graphUrl());
            p.put("source.graph.token-url", tenant.tokenUrl());
            p.put("source.graph.tenant-id", tenant.tenantId());
            p.put("source.graph.client-id", tenant.clientId());
            p.put("source.service-principal-id", tenant.servicePrincipalId());
            // The demo tenant starts over with every run, but an external broker (--kafka) keeps the delta links of
            // earlier runs: resumed from one, the source would see no change and the new target would stay empty.
            // A checkpoint key of this run's own makes its first cycle an initial one; a restarted source of the
            // same run keeps the key and resumes.
            p.put("source.checkpoint-key", "demo-tenant-run-" + runId);
            secrets.put("SOURCE_GRAPH_CLIENT_SECRET", tenant.clientSecret());
        } else {
            LocalStackOptions.ExternalGraph g = options.graph();
            p.put("source.graph.base-url", g.baseUrl());
            p.put("source.graph.token-url", g.tokenUrl());
            p.put("source.graph.tenant-id", g.tenantId());
            p.put("source.graph.client-id", g.clientId());
            if (g.servicePrincipalId() != null) {
                p.put("source.service-principal-id", g.servicePrincipalId());
            } else {
                p.put("source.sync-scope", "all");
            }
            secrets.put("SOURCE_GRAPH_CLIENT_SECRET", g.clientSecret());
        }
        return new Service("source-connector", options.ports().source(), "256m", p, secrets);
    }

    Service mapper() {
        Map<String, String> p = common();
        // the mapper must judge assignment the way the source reads it
        boolean syncAll = tenant == null && options.graph().servicePrincipalId() == null;
        p.put("mapper.assignment-scope", syncAll ? "all" : "assigned");
        return new Service("mapper-service", options.ports().mapper(), "256m", p, Map.of());
    }

    Service sink() {
        Map<String, String> p = common();
        p.put("spring.datasource.url", database.jdbcUrl("scim_sink"));
        p.put("spring.datasource.username", LocalDatabase.USER);
        p.put("sink.scim.base-url", target != null ? target.baseUrl() : options.scim().baseUrl());
        if (target != null) {
            // 25 requests/s is Entra's figure for a real gallery target; the local one takes far more
            p.put("sink.rate-limit", "1000");
        }
        String token = target != null ? target.token() : options.scim().token();
        return new Service("scim-sink", options.ports().sink(), "256m", p, Map.of("SINK_SCIM_TOKEN", token));
    }

    Service audit() {
        Map<String, String> p = common();
        p.put("spring.datasource.url", database.jdbcUrl("audit"));
        p.put("spring.datasource.username", LocalDatabase.USER);
        p.put("audit.sink.base-url", "http://127.0.0.1:" + options.ports().sink());
        return new Service("audit-service", options.ports().audit(), "256m", p,
                Map.of("AUDIT_SECURITY_READER_TOKEN", auditReaderToken, "AUDIT_SECURITY_OPERATOR_TOKEN", auditOperatorToken));
    }
}
