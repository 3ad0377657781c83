/** web3j wrappers generated at build time from the compiled contracts (target/generated-sources/web3j). */
package io.tributary.chain.internal.contracts;
