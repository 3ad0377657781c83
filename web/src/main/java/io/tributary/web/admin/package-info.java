/** The admin console for platform staff: tenants and the platform-wide audit log. */
package io.tributary.web.admin;
