/**
 * Tributary's use cases as EJB services, one subpackage per bounded context; callers pass the {@link
 * io.tributary.application.Actor} they act for, and services check roles and write the audit log.
 */
package io.tributary.application;
