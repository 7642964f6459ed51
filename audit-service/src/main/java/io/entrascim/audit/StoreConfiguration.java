package io.entrascim.audit;

import javax.sql.DataSource;

import io.entrascim.audit.store.CycleMarkerStore;
import io.entrascim.audit.store.CycleProgressReader;
import io.entrascim.audit.store.LogQueryRepository;
import io.entrascim.audit.store.MalformedRecordStore;
import io.entrascim.audit.store.ReplayRequestStore;
import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.RetentionPurger;
import io.entrascim.audit.store.SummaryRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the plain storage classes to the application's DataSource. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    ResultWriter resultWriter(JdbcTemplate jdbc) {
        return new ResultWriter(jdbc);
    }

    @Bean
    CycleMarkerStore cycleMarkerStore(JdbcTemplate jdbc) {
        return new CycleMarkerStore(jdbc);
    }

    @Bean
    MalformedRecordStore malformedRecordStore(JdbcTemplate jdbc) {
        return new MalformedRecordStore(jdbc);
    }

    @Bean
    LogQueryRepository logQueryRepository(DataSource dataSource, AuditProperties properties) {
        return new LogQueryRepository(dataSource, properties.query().exportFetchSize());
    }

    @Bean
    SummaryRepository summaryRepository(JdbcTemplate jdbc) {
        return new SummaryRepository(jdbc);
    }

    @Bean
    CycleProgressReader cycleProgressReader(CycleMarkerStore markers, SummaryRepository summaries) {
        return new CycleProgressReader(markers, summaries);
    }

    @Bean
    RetentionPurger retentionPurger(JdbcTemplate jdbc) {
        return new RetentionPurger(jdbc);
    }

    @Bean
    ReplayRequestStore replayRequestStore(JdbcTemplate jdbc) {
        return new ReplayRequestStore(jdbc);
    }
}
