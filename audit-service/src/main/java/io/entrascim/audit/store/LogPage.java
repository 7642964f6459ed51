package io.entrascim.audit.store;

import java.util.List;

/**
 * @param items      the page
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record LogPage(List<LogEntry> items, String nextCursor) {
}
