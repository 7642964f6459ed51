package io.entrascim.sink;

import io.entrascim.contracts.ObjectType;
import io.entrascim.sink.core.LinkStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grouped link writes against the real PostgreSQL: concurrent callers, a rejected row, durability. */
class LinkStoreTest extends SinkTestBase {

    @Autowired
    LinkStore links;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentLinksAreEachCommittedBeforeTheirCallerReturns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        String source = newId();
                        links.link(source, ObjectType.USER, "target-" + source);
                        // visible to another connection at once: committed before link() returned
                        String stored = jdbc.queryForObject(
                                "select target_id from scim_sink.link where source_id = ?", String.class, source);
                        if (!("target-" + source).equals(stored) || !links.targetId(source).orElse("").equals(stored)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            List<Future<Boolean>> done = new ArrayList<>();
            tasks.forEach(task -> done.add(pool.submit(task)));
            start.countDown();
            for (Future<Boolean> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void relinkingReplacesTheTargetIdAndUnknownIdsAreEmpty() {
        String source = newId();
        links.link(source, ObjectType.GROUP, "first");
        links.link(source, ObjectType.GROUP, "second");
        assertThat(links.targetId(source)).contains("second");
        assertThat(links.targetId(newId())).isEmpty();
    }

    @Test
    void aRowTheDatabaseRejectsFailsOnlyItsOwnCaller() throws Exception {
        jdbc.execute("""
                create or replace function scim_sink.reject_poison() returns trigger language plpgsql as $$
                begin
                  if new.source_id like 'poison-%' then raise exception 'poisoned link %', new.source_id; end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger reject_poison before insert on scim_sink.link for each row execute function scim_sink.reject_poison()");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<String> sources = new ArrayList<>();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String source = (i == 5 ? "poison-" : "") + newId();
                sources.add(source);
                calls.add(pool.submit(() -> {
                    start.await();
                    links.link(source, ObjectType.USER, "t-" + source);
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < 12; i++) {
                Future<?> call = calls.get(i);
                if (i == 5) {
                    assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class)
                            .hasMessageContaining("poisoned link");
                    assertThat(links.targetId(sources.get(i))).isEmpty();
                } else {
                    call.get(30, TimeUnit.SECONDS);
                    assertThat(links.targetId(sources.get(i))).contains("t-" + sources.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
            jdbc.execute("drop trigger if exists reject_poison on scim_sink.link");
            jdbc.execute("drop function if exists scim_sink.reject_poison()");
        }
    }

    @Test
    void lookupAndWriteSayWhetherAnyReferenceIsParked() {
        jdbc.update("delete from scim_sink.parked_member");
        jdbc.update("delete from scim_sink.parked_manager");
        String plain = newId();
        assertThat(links.own(plain)).isEqualTo(new LinkStore.Own(java.util.Optional.empty(), false));
        assertThat(links.link(plain, ObjectType.USER, "t-" + plain)).isFalse();
        assertThat(links.own(plain)).isEqualTo(new LinkStore.Own(java.util.Optional.of("t-" + plain), false));

        // a parked membership, then only a parked manager reference
        String other = newId();
        jdbc.update("insert into scim_sink.parked_member (group_source_id, member_source_id, command_id, change_id) "
                + "values (?, ?, 'c', 'e')", newId(), newId());
        assertThat(links.own(other)).isEqualTo(new LinkStore.Own(java.util.Optional.empty(), true));
        assertThat(links.link(other, ObjectType.USER, "t-" + other)).isTrue();
        jdbc.update("delete from scim_sink.parked_member");
        jdbc.update("insert into scim_sink.parked_manager (user_source_id, manager_source_id, command_id, change_id) "
                + "values (?, ?, 'c', 'e')", newId(), newId());
        assertThat(links.own(other)).isEqualTo(new LinkStore.Own(java.util.Optional.of("t-" + other), true));
        assertThat(links.link(plain, ObjectType.USER, "t2-" + plain)).isTrue();
        jdbc.update("delete from scim_sink.parked_manager");

        assertThat(links.targetIds(List.of(other, plain, newId()))).containsOnly(
                java.util.Map.entry(other, "t-" + other), java.util.Map.entry(plain, "t2-" + plain));
    }

    @Test
    void aLinkWithoutTargetIdIsRefusedBeforeItReachesABatch() {
        assertThatThrownBy(() -> links.link(newId(), ObjectType.USER, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
