package io.entrascim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * provisionctl, the operator CLI. Each area is a subcommand group (expr, mapping, and later
 * status, logs, replay, provision, pause, resume, restart, connection) with its own verbs.
 */
@Command(name = "provisionctl", mixinStandardHelpOptions = true, version = "provisionctl 0.1.0",
        description = "Operate the Entra -> SCIM provisioning pipeline.",
        subcommands = {ExprCommand.class, MappingCommand.class, CommandLine.HelpCommand.class})
public final class ProvisionCtl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call this with their own out/err writers). */
    public static CommandLine commandLine() {
        return new CommandLine(new ProvisionCtl()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
