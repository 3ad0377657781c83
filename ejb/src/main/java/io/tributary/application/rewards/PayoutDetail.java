package io.tributary.application.rewards;

import io.tributary.persistence.wallet.ChainTransaction;
import io.tributary.persistence.wallet.PayoutBatch;
import io.tributary.persistence.wallet.PayoutLine;
import io.tributary.persistence.wallet.PayoutRun;
import java.util.List;

/** A payout run with who it pays and the transactions that carry it. */
public record PayoutDetail(PayoutRun run, List<PayoutLine> lines, List<Batch> batches) {

    /** A batch and its chain transaction. */
    public record Batch(PayoutBatch batch, ChainTransaction transaction) {}
}
