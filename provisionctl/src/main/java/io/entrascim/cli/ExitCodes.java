package io.entrascim.cli;

/** Exit codes shared by all subcommands, so scripts can tell failures apart. */
final class ExitCodes {
    static final int OK = 0;
    /** The input file could not be read or is not what the command expects. */
    static final int INPUT = 1;
    /** Usage error, expression parse error or invalid mapping configuration. */
    static final int USAGE = 2;
    /** The expression or mapping failed for this object. */
    static final int EVALUATION = 3;

    private ExitCodes() {
    }
}
