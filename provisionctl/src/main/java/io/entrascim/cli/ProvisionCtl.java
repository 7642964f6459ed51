package io.entrascim.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * provisionctl, the operator CLI. Offline commands (expr, mapping) use the mapping engine in-process; the operator
 * commands (status, logs, replay, provision, pause, resume, restart, trigger, deletions, connection) call the services' HTTP APIs.
 */
@Command(name = "provisionctl", mixinStandardHelpOptions = true, version = "provisionctl 0.1.0",
        description = "Operate the Entra -> SCIM provisioning pipeline.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:input or config file unreadable", "2:usage error: unknown option, or a bad option value (named in the message)",
                "3:evaluation failed, or on-demand provisioning ended in a failure",
                "4:a service is unreachable (the message names the URL)",
                "5:a service answered an error (401/403/4xx/5xx; 404 from an older service without the endpoint) "
                        + "or the connection test failed",
                "6:timed out waiting for a provisioning outcome"},
        subcommands = {StatusCommand.class, LogsCommand.class, ReplayCommand.class, ProvisionCommand.class,
                PauseCommand.class, ResumeCommand.class, RestartCommand.class, TriggerCommand.class, DeletionsCommand.class, ConnectionCommand.class,
                ExprCommand.class, MappingCommand.class, CommandLine.HelpCommand.class})
public final class ProvisionCtl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions options;

    final Environment environment;

    ProvisionCtl(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call this with their own out/err writers). */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    static CommandLine commandLine(Environment environment) {
        return new CommandLine(new ProvisionCtl(environment)).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(ProvisionCtl::badUsage);
    }

    /**
     * A bad flag is one line on stderr naming it (as every other error), plus where to look, instead of the whole
     * usage text burying the message; scripts get exit 2.
     */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
