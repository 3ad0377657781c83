/** The Hardhat dev chain and the gas benchmark; development and test tooling, never used against a real network. */
package io.tributary.chain.dev;
