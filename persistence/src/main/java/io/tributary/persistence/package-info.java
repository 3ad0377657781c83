/** Persistence for Tributary: the tenant context every query runs in, and one subpackage per bounded context. */
package io.tributary.persistence;
