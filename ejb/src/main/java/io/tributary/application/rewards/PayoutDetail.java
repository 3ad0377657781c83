package io.tributary.application.rewards;

import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.payout.PayoutLine;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.rewards.payout.PayoutRunBatch;
import java.util.List;

/** A payout run with who it pays and the transactions that carry it. */
public record PayoutDetail(PayoutRun run, List<PayoutLine> lines, List<Batch> batches) {

    /** A batch and its chain transaction. */
    public record Batch(PayoutRunBatch batch, ChainTransaction transaction) {}
}
