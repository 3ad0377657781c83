/** The append-only audit log of every state change, per tenant. */
package io.tributary.persistence.audit;
