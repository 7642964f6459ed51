package io.entrascim.cli;

/** Exit codes shared by all subcommands, so scripts can tell failures apart. */
final class ExitCodes {
    static final int OK = 0;
    /** The input file (source object, config file) could not be read or is not what the command expects. */
    static final int INPUT = 1;
    /** Usage error (unknown option, bad option value), expression parse error, invalid mapping configuration. */
    static final int USAGE = 2;
    /** The expression or mapping failed for this object, or an on-demand provisioning ended with a failure result. */
    static final int EVALUATION = 3;
    /** A service could not be reached (connection refused, timeout): the message names the URL. */
    static final int UNREACHABLE = 4;
    /** A service answered with an error (401/403/4xx/5xx), or a connection test failed: the message is the service's. */
    static final int SERVICE_ERROR = 5;
    /** Waited for an outcome (provision on demand) and none arrived in time. */
    static final int TIMEOUT = 6;

    private ExitCodes() {
    }
}
