package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code provisionctl resume}: scim-sink {@code POST /api/resume}; with --source also source-connector's. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Resume provisioning from where it stopped: scim-sink resumes SCIM writes at the first unprocessed "
                + "command; with --source (or --all) source-connector resumes polling Graph and starts an incremental "
                + "cycle at once. Also lifts an operator pause that scim-sink kept across its own restart. A quarantine is not "
                + "lifted by resume: use 'restart --scope quarantine'."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:resumed (a note says when the sink is still quarantined or waiting for the target)",
                "4:a service is unreachable (the others were still resumed; see the output)",
                "5:a service answered an error (401: --sink-token)"})
final class ResumeCommand extends OperatorCommand {

    @Option(names = {"--source", "--all"},
            description = "also resume source-connector's Graph polling (POST /api/resume on the source)")
    boolean source;

    @Override
    int execute(Context ctx) throws ServiceException {
        return ProvisioningSwitch.apply(ctx, false, source, null);
    }
}
