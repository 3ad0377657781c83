/** Writing and reading the audit log. */
package io.tributary.application.audit;
