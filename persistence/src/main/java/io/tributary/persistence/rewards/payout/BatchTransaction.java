package io.tributary.persistence.rewards.payout;

import io.tributary.persistence.rewards.custody.ChainTransaction;

/** A payout batch with the custodial transaction that carries it. */
public record BatchTransaction(PayoutRunBatch batch, ChainTransaction transaction) {}
