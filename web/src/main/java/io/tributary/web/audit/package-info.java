/** The audit log, for org admins (their tenant) and platform staff (everything). */
package io.tributary.web.audit;
