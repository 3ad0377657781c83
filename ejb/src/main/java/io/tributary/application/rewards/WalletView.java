package io.tributary.application.rewards;

import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's custodial wallet as its admins see it: what the ledger says it holds and what the chain says at
 * the confirmed block (null with {@code chainProblem} set when the node cannot be reached), its policy and health.
 *
 * @param ledgerHoldings every posted TRIB balance of the tenant and its members, less what inferences moved between
 *     organizations in the ledger only: what the wallet backs on chain
 * @param treasury the part of it not yet granted to members
 */
public record WalletView(
        UUID id,
        String address,
        BigInteger ledgerHoldings,
        BigInteger treasury,
        BigInteger chainBalance,
        BigInteger gasBalanceWei,
        Long confirmedBlock,
        String chainProblem,
        WithdrawalPolicy policy,
        boolean frozen,
        String frozenReason,
        Instant reconciledAt,
        Long reconciledBlock,
        Boolean reconciledOk) {}
