package io.entrascim.source;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Reads the next delta page while the current one is translated and published. Reading ahead never advances the
 * checkpoint: only pages whose events Kafka acknowledged are checkpointed, so a prefetched page that is never used
 * (pause, crash) costs one Graph request and nothing else.
 */
final class PagePrefetcher {

    private final Function<String, GraphClient.DeltaPage> fetch;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "graph-prefetch");
        t.setDaemon(true);
        return t;
    });
    private String link;
    private CompletableFuture<GraphClient.DeltaPage> page;

    PagePrefetcher(Function<String, GraphClient.DeltaPage> fetch) {
        this.fetch = fetch;
    }

    void start(String nextLink) {
        cancel();
        link = nextLink;
        page = CompletableFuture.supplyAsync(() -> fetch.apply(nextLink), executor);
    }

    /** The page at {@code url}: the prefetched one when it matches, else read now. Graph errors surface here. */
    GraphClient.DeltaPage take(String url) {
        if (page != null && url.equals(link)) {
            CompletableFuture<GraphClient.DeltaPage> p = page;
            page = null;
            link = null;
            try {
                return p.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        cancel();
        return fetch.apply(url);
    }

    void cancel() {
        CompletableFuture<GraphClient.DeltaPage> p = page;
        page = null;
        link = null;
        if (p != null) {
            try {
                p.join();
            } catch (CompletionException | CancellationException ignored) {
                // an unused read-ahead; its failure will recur (and be handled) when the page is read for real
            }
        }
    }
}
