/**
 * The Hardhat dev chain and the gas benchmark: development and test tooling, never used against a real network. They
 * live in test sources and reach the local stack and the integration tests as chain-bridge's test-jar, so the
 * production jar carries no dev chain.
 */
package io.tributary.chain.dev;
