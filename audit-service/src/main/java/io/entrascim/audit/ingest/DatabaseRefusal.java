package io.entrascim.audit.ingest;

import java.sql.SQLException;

import io.entrascim.contracts.MalformedRecordException;
import org.springframework.dao.DataAccessException;

/**
 * Tells a record PostgreSQL refuses (SQLSTATE class 22 data exception or 23 integrity violation, e.g. a NUL
 * character in a text) from a database that is unavailable. A refused record would fail on every redelivery, so
 * it is treated like a malformed one; anything else is thrown so the batch is retried.
 */
final class DatabaseRefusal {

    private DatabaseRefusal() {
    }

    static boolean isRefusal(DataAccessException e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    static MalformedRecordException asMalformed(DataAccessException e) {
        SQLException sql = sqlException(e);
        String reason = sql == null ? e.getMostSpecificCause().getMessage() : sql.getMessage();
        return new MalformedRecordException(null, "refused by PostgreSQL (SQLSTATE " + sqlState(e) + "): " + reason);
    }

    private static String sqlState(DataAccessException e) {
        SQLException sql = sqlException(e);
        return sql == null ? null : sql.getSQLState();
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                // a batch wraps the statement's own error as the next exception
                return s.getNextException() != null ? s.getNextException() : s;
            }
        }
        return null;
    }
}
