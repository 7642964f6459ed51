package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands that talk to the services: resolves the settings, builds the clients, and maps a
 * {@link ServiceException} to its exit code with one line on stderr, so every command fails the same way.
 */
abstract class OperatorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions options;

    /** What a command works with. */
    record Context(Settings settings, Output output, PrintWriter out, PrintWriter err) {

        ServiceClient source() {
            return new ServiceClient("source-connector", settings.sourceUrl(), null, null, settings.timeout());
        }

        ServiceClient mapper() {
            return new ServiceClient("mapper-service", settings.mapperUrl(), null, null, settings.timeout());
        }

        ServiceClient sink() {
            return new ServiceClient("scim-sink", settings.sinkUrl(), settings.sinkToken(),
                    "--sink-token / PROVISIONCTL_SINK_TOKEN = sink.api.operator-token", settings.timeout());
        }

        ServiceClient audit() {
            return new ServiceClient("audit-service", settings.auditUrl(), settings.token(),
                    "--token / PROVISIONCTL_TOKEN, a reader token to read, an operator token to replay", settings.timeout());
        }
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProvisionCtl root = (ProvisionCtl) spec.root().userObject();
        Settings settings;
        try {
            settings = Settings.resolve(options, root.options, root.environment);
        } catch (Settings.SettingsException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode;
        }
        try {
            return execute(new Context(settings, new Output(settings.format(), out), out, err));
        } catch (ServiceException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    abstract int execute(Context ctx) throws ServiceException, UsageException;

    /** Options that picocli accepts but that do not make sense together, or that the services cannot do. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
