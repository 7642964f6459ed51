package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code provisionctl pause}: scim-sink {@code POST /api/pause}; with --source also source-connector's. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pause provisioning: scim-sink stops SCIM writes after the command in hand (the rest stays in Kafka, "
                + "uncommitted); with --source (or --all) source-connector also stops polling Graph. Nothing is lost: "
                + "resume continues where it stopped. scim-sink keeps the pause across its own restarts (until 'resume'); "
                + "pausing an already paused sink says so."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:paused", "4:a service is unreachable (the others were still paused; see the output)",
                "5:a service answered an error (401: --sink-token)"})
final class PauseCommand extends OperatorCommand {

    @Option(names = {"--source", "--all"},
            description = "also pause source-connector's Graph polling (POST /api/pause on the source)")
    boolean source;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "why, stored by scim-sink with the pause (and who: the OS user name) and shown by status")
    String reason;

    @Override
    int execute(Context ctx) throws ServiceException {
        return ProvisioningSwitch.apply(ctx, true, source, reason);
    }
}
