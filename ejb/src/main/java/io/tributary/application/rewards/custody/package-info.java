/**
 * Custody of tenant treasury keys: secp256k1 keys generated here, sealed with envelope encryption under a master key
 * the server holds, and opened only inside {@link io.tributary.application.rewards.custody.KeyVault}.
 */
package io.tributary.application.rewards.custody;
