/** Rewards: members' earnings on the double-entry ledger, grants from an organization's treasury, and custody. */
package io.tributary.application.rewards;
