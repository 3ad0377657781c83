package io.tributary.persistence.attribution.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Aggregates over receipts and their payees for the dashboards, computed in PostgreSQL (one grouped query each, no
 * receipt loaded into Java). Days are UTC days. DataNets are named by their ids: names come from the datanet context.
 */
@ApplicationScoped
public class EarningsFigures {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    /** What one label (a model, a DataNet) earned on one UTC day, in base units. */
    public record DailyAmount(LocalDate day, String label, BigInteger amount) {}

    /** What one DataNet's records earned in total, in base units, over how many receipts. */
    public record Total(UUID id, BigInteger amount, long receipts) {}

    /** One of a contributor's records and its influence across receipts. */
    public record RecordInfluence(UUID recordId, UUID dataNetId, long receipts, double weight, double bestScore) {}

    /** A model owner's figures for one model version. */
    public record ModelFigures(
            UUID modelVersionId,
            String model,
            int version,
            long requests,
            long promptTokens,
            long completionTokens,
            BigInteger revenue,
            BigInteger contributors,
            BigInteger validators,
            BigInteger owner,
            BigInteger platform) {}

    /** The member's contributor earnings per UTC day and model, oldest first, since {@code since}. */
    public List<DailyAmount> contributorByDayAndModel(UUID memberId, Instant since) {
        List<DailyAmount> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery("select cast(date_trunc('day', r.served_at at time zone 'UTC') as date),"
                        + " r.model_name || ' v' || r.model_version, sum(p.amount)"
                        + " from attribution_receipt_payee p join attribution_receipt r on r.id = p.receipt_id"
                        + " where p.member_id = ?1 and p.role = 'CONTRIBUTOR' and r.served_at >= ?2"
                        + " group by 1, 2 order by 1, 2")
                .setParameter(1, memberId)
                .setParameter(2, Timestamp.from(since))
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new DailyAmount(day(c[0]), (String) c[1], integer(c[2])));
        }
        return rows;
    }

    /**
     * The member's contributor earnings per DataNet: each receipt's payment to the member is shared among the DataNets
     * of their credited records in proportion to those records' weights (rounded down per DataNet).
     */
    public List<Total> contributorByDataNet(UUID memberId) {
        List<Total> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(
                        "with mine as (select receipt_id, data_net_id, sum(weight) as w from attribution_receipt_record"
                                + " where contributor_member_id = ?1 group by 1, 2),"
                                + " total as (select receipt_id, sum(w) as t from mine group by 1)"
                                + " select m.data_net_id, floor(sum(p.amount * m.w / t.t)), count(distinct"
                                + " m.receipt_id) from mine m join total t on t.receipt_id = m.receipt_id"
                                + " join attribution_receipt_payee p on p.receipt_id = m.receipt_id and p.member_id = ?1"
                                + " and p.role = 'CONTRIBUTOR' where t.t > 0 group by 1 order by 2 desc, 1")
                .setParameter(1, memberId)
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new Total((UUID) c[0], integer(c[1]), ((Number) c[2]).longValue()));
        }
        return rows;
    }

    /** The member's records that shaped the most answers, by total weight. */
    public List<RecordInfluence> mostInfluential(UUID memberId, int max) {
        List<RecordInfluence> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(
                        "select credited_record_id, min(cast(data_net_id as varchar)), count(distinct receipt_id),"
                                + " sum(weight), max(score) from attribution_receipt_record"
                                + " where contributor_member_id = ?1 group by 1 order by 4 desc, 3 desc, 1 limit ?2")
                .setParameter(1, memberId)
                .setParameter(2, max)
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new RecordInfluence(
                    (UUID) c[0],
                    UUID.fromString((String) c[1]),
                    ((Number) c[2]).longValue(),
                    ((Number) c[3]).doubleValue(),
                    ((Number) c[4]).doubleValue()));
        }
        return rows;
    }

    /** Per model version the organization owns: requests, tokens, revenue and the split paid out, by revenue. */
    public List<ModelFigures> ownerModels(UUID ownerTenantId) {
        List<ModelFigures> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(
                        "select r.model_version_id, r.model_name, r.model_version, count(*), sum(r.prompt_tokens),"
                                + " sum(r.completion_tokens), sum(r.charge),"
                                + " coalesce(sum((select sum(amount) from attribution_receipt_payee p where"
                                + " p.receipt_id = r.id and p.role = 'CONTRIBUTOR')), 0),"
                                + " coalesce(sum((select sum(amount) from attribution_receipt_payee p where"
                                + " p.receipt_id = r.id and p.role = 'VALIDATOR')), 0),"
                                + " coalesce(sum((select sum(amount) from attribution_receipt_payee p where"
                                + " p.receipt_id = r.id and p.role = 'MODEL_OWNER')), 0),"
                                + " coalesce(sum((select sum(amount) from attribution_receipt_payee p where"
                                + " p.receipt_id = r.id and p.role = 'PLATFORM')), 0)"
                                + " from attribution_receipt r where r.owner_tenant_id = ?1"
                                + " group by 1, 2, 3 order by 7 desc, 2, 3")
                .setParameter(1, ownerTenantId)
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new ModelFigures(
                    (UUID) c[0],
                    (String) c[1],
                    ((Number) c[2]).intValue(),
                    ((Number) c[3]).longValue(),
                    ((Number) c[4]).longValue(),
                    ((Number) c[5]).longValue(),
                    integer(c[6]),
                    integer(c[7]),
                    integer(c[8]),
                    integer(c[9]),
                    integer(c[10])));
        }
        return rows;
    }

    /** The organization's models' revenue per UTC day and model, oldest first, since {@code since}. */
    public List<DailyAmount> ownerRevenueByDay(UUID ownerTenantId, Instant since) {
        List<DailyAmount> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery("select cast(date_trunc('day', served_at at time zone 'UTC') as date),"
                        + " model_name || ' v' || model_version, sum(charge) from attribution_receipt"
                        + " where owner_tenant_id = ?1 and served_at >= ?2 group by 1, 2 order by 1, 2")
                .setParameter(1, ownerTenantId)
                .setParameter(2, Timestamp.from(since))
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new DailyAmount(day(c[0]), (String) c[1], integer(c[2])));
        }
        return rows;
    }

    /** The DataNets whose contributors the organization's models paid most, with what they were paid. */
    public List<Total> ownerTopDataNets(UUID ownerTenantId, int max) {
        List<Total> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(
                        "with credit as (select rr.receipt_id, rr.data_net_id, rr.contributor_member_id,"
                                + " sum(rr.weight) as w from attribution_receipt_record rr join attribution_receipt r"
                                + " on r.id = rr.receipt_id where r.owner_tenant_id = ?1 group by 1, 2, 3),"
                                + " total as (select receipt_id, contributor_member_id, sum(w) as t from credit"
                                + " group by 1, 2)"
                                + " select c.data_net_id, floor(sum(p.amount * c.w / t.t)),"
                                + " count(distinct c.receipt_id) from credit c join total t on t.receipt_id ="
                                + " c.receipt_id and t.contributor_member_id = c.contributor_member_id"
                                + " join attribution_receipt_payee p on p.receipt_id = c.receipt_id and p.member_id ="
                                + " c.contributor_member_id and p.role = 'CONTRIBUTOR' where t.t > 0 group by 1"
                                + " order by 2 desc, 1 limit ?2")
                .setParameter(1, ownerTenantId)
                .setParameter(2, max)
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new Total((UUID) c[0], integer(c[1]), ((Number) c[2]).longValue()));
        }
        return rows;
    }

    /** What a DataNet's contributors and validators were paid on one UTC day, in base units. */
    public record DataNetDay(LocalDate day, BigInteger contributors, BigInteger validators, long receipts) {}

    /** What a DataNet's contributors and validators were paid through one model version, in base units. */
    public record DataNetModel(
            UUID modelVersionId,
            String model,
            int version,
            UUID ownerTenantId,
            BigInteger contributors,
            BigInteger validators,
            long receipts) {}

    /**
     * Per receipt that credited a record of DataNet ?1: what its contributors were paid for those records (each
     * contributor's payment shared among the DataNets of their credited records by weight) and its validators' part
     * (the receipt's validators' pool shared by the weight of the DataNet's credited records among all credited
     * records, as the validators' weights derive from the records they approved).
     */
    private static final String DATANET_RECEIPTS = "with hit as (select distinct receipt_id from"
            + " attribution_receipt_record where data_net_id = ?1),"
            + " rec as (select rr.receipt_id, rr.contributor_member_id, rr.data_net_id, sum(rr.weight) as w"
            + " from attribution_receipt_record rr join hit h on h.receipt_id = rr.receipt_id group by 1, 2, 3),"
            + " per_contributor as (select receipt_id, contributor_member_id, sum(w) as t from rec group by 1, 2),"
            + " per_receipt as (select receipt_id, sum(w) as t, sum(case when data_net_id = ?1 then w else 0 end)"
            + " as d from rec group by 1),"
            + " contributors as (select c.receipt_id, sum(p.amount * c.w / t.t) as amount from rec c"
            + " join per_contributor t on t.receipt_id = c.receipt_id and t.contributor_member_id ="
            + " c.contributor_member_id join attribution_receipt_payee p on p.receipt_id = c.receipt_id and"
            + " p.member_id = c.contributor_member_id and p.role = 'CONTRIBUTOR' where c.data_net_id = ?1 and"
            + " t.t > 0 group by 1),"
            + " validators as (select r.receipt_id, sum(p.amount) * max(r.d) / max(r.t) as amount from per_receipt r"
            + " join attribution_receipt_payee p on p.receipt_id = r.receipt_id and p.role = 'VALIDATOR'"
            + " where r.t > 0 group by 1),"
            + " paid as (select x.id, x.served_at, x.model_version_id, x.model_name, x.model_version,"
            + " x.owner_tenant_id, coalesce(c.amount, 0) as contributors, coalesce(v.amount, 0) as validators"
            + " from attribution_receipt x join hit h on h.receipt_id = x.id"
            + " left join contributors c on c.receipt_id = x.id left join validators v on v.receipt_id = x.id)";

    /** What DataNet's contributors and validators were paid per UTC day since {@code since}, oldest first. */
    public List<DataNetDay> dataNetByDay(UUID dataNetId, Instant since) {
        List<DataNetDay> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(DATANET_RECEIPTS
                        + " select cast(date_trunc('day', served_at at time zone 'UTC') as date),"
                        + " floor(sum(contributors)), floor(sum(validators)), count(*) from paid"
                        + " where served_at >= ?2 group by 1 order by 1")
                .setParameter(1, dataNetId)
                .setParameter(2, Timestamp.from(since))
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new DataNetDay(day(c[0]), integer(c[1]), integer(c[2]), ((Number) c[3]).longValue()));
        }
        return rows;
    }

    /** What DataNet's contributors and validators were paid through each model version, most first. */
    public List<DataNetModel> dataNetByModel(UUID dataNetId) {
        List<DataNetModel> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery(DATANET_RECEIPTS
                        + " select model_version_id, model_name, model_version, owner_tenant_id,"
                        + " floor(sum(contributors)), floor(sum(validators)), count(*) from paid"
                        + " group by 1, 2, 3, 4 order by 5 desc, 2, 3")
                .setParameter(1, dataNetId)
                .getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new DataNetModel(
                    (UUID) c[0],
                    (String) c[1],
                    ((Number) c[2]).intValue(),
                    (UUID) c[3],
                    integer(c[4]),
                    integer(c[5]),
                    ((Number) c[6]).longValue()));
        }
        return rows;
    }

    /**
     * The platform's attribution figures since {@code since}: receipts, tokens, charges and fee income; attribution
     * latency (attributed minus served) median and 95th percentile in milliseconds; receipts not yet sealed in an
     * anchored batch; open disputes.
     */
    public record PlatformFigures(
            long receipts,
            long tokens,
            BigInteger charged,
            BigInteger feeIncome,
            Double latencyMedianMs,
            Double latencyP95Ms,
            long unbatched,
            long unanchored,
            long openDisputes) {}

    public PlatformFigures platform(Instant since) {
        Object[] c = (Object[]) em.createNativeQuery(
                        "select count(*), coalesce(sum(prompt_tokens + completion_tokens), 0), coalesce(sum(charge), 0),"
                                + " coalesce((select sum(p.amount) from attribution_receipt_payee p join"
                                + " attribution_receipt x on x.id = p.receipt_id where p.role = 'PLATFORM' and"
                                + " x.served_at >= ?1), 0),"
                                + " percentile_cont(0.5) within group (order by extract(epoch from attributed_at -"
                                + " served_at) * 1000),"
                                + " percentile_cont(0.95) within group (order by extract(epoch from attributed_at -"
                                + " served_at) * 1000),"
                                + " (select count(*) from attribution_receipt where batch_id is null),"
                                + " (select count(*) from attribution_receipt r join attribution_receipt_batch b on"
                                + " b.id = r.batch_id where b.anchored_block is null),"
                                + " (select count(*) from attribution_dispute where status = 'OPEN')"
                                + " from attribution_receipt where served_at >= ?1")
                .setParameter(1, Timestamp.from(since))
                .getSingleResult();
        return new PlatformFigures(
                ((Number) c[0]).longValue(),
                ((Number) c[1]).longValue(),
                integer(c[2]),
                integer(c[3]),
                c[4] == null ? null : ((Number) c[4]).doubleValue(),
                c[5] == null ? null : ((Number) c[5]).doubleValue(),
                ((Number) c[6]).longValue(),
                ((Number) c[7]).longValue(),
                ((Number) c[8]).longValue());
    }

    private static LocalDate day(Object value) {
        if (value instanceof java.sql.Date date) return date.toLocalDate();
        if (value instanceof LocalDate date) return date;
        return ((Timestamp) value).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static BigInteger integer(Object value) {
        if (value == null) return BigInteger.ZERO;
        if (value instanceof BigInteger b) return b;
        if (value instanceof BigDecimal d)
            return d.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return BigInteger.valueOf(((Number) value).longValue());
    }
}
