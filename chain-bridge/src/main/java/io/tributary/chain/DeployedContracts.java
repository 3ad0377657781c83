package io.tributary.chain;

/** Addresses of one deployment of the three reward contracts, and the block to start scanning their events from. */
public record DeployedContracts(
        EvmAddress rewardToken, EvmAddress payoutBatcher, EvmAddress provenanceRegistry, long deployedAtBlock) {}
