package io.entrascim.sink.core;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * When the records of a polled batch were delivered before (table {@code scim_sink.delivered_batch}: one row per
 * delivered batch and partition, each record's offset and value checksum). A record delivered again was handed to a
 * sink that stopped before committing it (kill -9, a lost node, partitions lost in a rebalance); an object its command
 * then finds in the target, created since that earlier delivery began, is the create that delivery made and whose
 * result was lost ({@link Reconciler}). One statement per batch and partition, never one per record: a lookup noting
 * each object cost the database 3 CPU s of a 150,000-object cycle. Rows wholly below a partition's new batch are
 * committed (the container commits a batch before it delivers the next) and deleted in the same statement.
 */
public final class EarlierDeliveries {

    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;

    public EarlierDeliveries(JdbcTemplate jdbc) {
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the JdbcTemplate has no DataSource");
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /**
     * Notes this delivery of {@code records} and answers, per position, when an earlier delivery of the same record
     * began (null: none known). Only the positions in {@code eligible} are answered or noted as eligible: a record whose
     * object has several commands in one batch may find what an earlier command of that batch created.
     */
    public Instant[] note(List<InboundRecord> records, boolean[] eligible, Instant deliveredAt) {
        Instant[] earlier = new Instant[records.size()];
        for (List<Integer> positions : byPartition(records)) {
            notePartition(records, eligible, positions, deliveredAt, earlier);
        }
        return earlier;
    }

    /** The records' positions, per topic and partition. */
    private static Iterable<List<Integer>> byPartition(List<InboundRecord> records) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            InboundRecord r = records.get(i);
            positions.computeIfAbsent(r.topic() + "\u0000" + r.partition(), k -> new ArrayList<>()).add(i);
        }
        return positions.values();
    }

    /**
     * Marks records of a delivery begun at {@code deliveredAt} as never started (handed back by a pause or a failure
     * before them): delivered again, they are not told of that delivery.
     */
    public void notStarted(List<InboundRecord> records, Instant deliveredAt) {
        for (List<Integer> positions : byPartition(records)) {
            List<InboundRecord> rs = positions.stream().map(records::get).toList();
            Long[] offsets = rs.stream().map(InboundRecord::offset).toArray(Long[]::new);
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    update scim_sink.delivered_batch set crcs = array(
                        select case when u.o = any (?::bigint[]) then null else u.c end
                        from unnest(offsets, crcs) with ordinality as u(o, c, n) order by u.n)
                    where topic = ? and partition_no = ? and delivered_at = ?""")) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                ps.setArray(1, c.createArrayOf("bigint", offsets));
                ps.setString(2, rs.get(0).topic());
                ps.setInt(3, rs.get(0).partition());
                ps.setObject(4, OffsetDateTime.ofInstant(deliveredAt, ZoneOffset.UTC));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw translate(e);
            }
        }
    }

    /** CRC32C of a record's value: a record at the same offset of a re-created topic is another record. */
    static int checksum(byte[] value) {
        CRC32C crc = new CRC32C();
        if (value != null) {
            crc.update(value);
        }
        return (int) crc.getValue();
    }

    private void notePartition(List<InboundRecord> records, boolean[] eligible, List<Integer> positions, Instant deliveredAt,
                               Instant[] earlier) {
        InboundRecord first = records.get(positions.get(0));
        Long[] offsets = new Long[positions.size()];
        Integer[] crcs = new Integer[positions.size()];
        Map<Long, Integer> positionByOffset = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int j = 0; j < positions.size(); j++) {
            int i = positions.get(j);
            InboundRecord r = records.get(i);
            offsets[j] = r.offset();
            crcs[j] = eligible[i] ? checksum(r.value()) : null;
            positionByOffset.put(r.offset(), i);
            min = Math.min(min, r.offset());
            max = Math.max(max, r.offset());
        }
        // One snapshot for the whole statement: the select sees neither the row inserted nor the rows deleted here.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with committed as (
                    delete from scim_sink.delivered_batch where topic = ? and partition_no = ? and last_offset < ?),
                noted as (
                    insert into scim_sink.delivered_batch
                        (topic, partition_no, first_offset, last_offset, offsets, crcs, delivered_at)
                    values (?, ?, ?, ?, ?, ?, ?))
                select offsets, crcs, delivered_at from scim_sink.delivered_batch
                where topic = ? and partition_no = ? and last_offset >= ? and first_offset <= ?""")) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            int p = 1;
            ps.setString(p++, first.topic());
            ps.setInt(p++, first.partition());
            ps.setLong(p++, min);
            ps.setString(p++, first.topic());
            ps.setInt(p++, first.partition());
            ps.setLong(p++, min);
            ps.setLong(p++, max);
            ps.setArray(p++, c.createArrayOf("bigint", offsets));
            ps.setArray(p++, c.createArrayOf("integer", crcs));
            ps.setObject(p++, OffsetDateTime.ofInstant(deliveredAt, ZoneOffset.UTC));
            ps.setString(p++, first.topic());
            ps.setInt(p++, first.partition());
            ps.setLong(p++, min);
            ps.setLong(p, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] seenOffsets = (Long[]) rs.getArray(1).getArray();
                    Integer[] seenCrcs = (Integer[]) rs.getArray(2).getArray();
                    Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                    for (int k = 0; k < seenOffsets.length; k++) {
                        Integer i = positionByOffset.get(seenOffsets[k]);
                        if (i != null && seenCrcs[k] != null && eligible[i] && seenCrcs[k] == checksum(records.get(i).value())
                                && (earlier[i] == null || at.isBefore(earlier[i]))) {
                            earlier[i] = at;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(SQLException e) {
        RuntimeException translated = translator.translate("delivered batch note", null, e);
        return translated != null ? translated : new org.springframework.jdbc.UncategorizedSQLException(
                "delivered batch note", null, e);
    }
}
