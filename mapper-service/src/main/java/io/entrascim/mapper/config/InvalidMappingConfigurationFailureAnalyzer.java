package io.entrascim.mapper.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid mapping configuration into a short start-up report: where, what, how to fix. */
public class InvalidMappingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMappingConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMappingConfigurationException cause) {
        return new FailureAnalysis(
                "The mapping configuration " + cause.location() + " (mapper.schema-location) is invalid at "
                        + cause.problem().path() + ": " + cause.problem().reason(),
                "Fix that element of the configuration, or point mapper.schema-location at a valid synchronizationSchema "
                        + "JSON/YAML file (unset it to use the bundled Tanium SSO defaults). Check a file offline with: "
                        + "bin/provisionctl mapping preview --config <file> --source <user.json>",
                cause);
    }
}
