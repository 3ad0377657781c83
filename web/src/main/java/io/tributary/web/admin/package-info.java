/** The admin console for platform staff: tenants, wallet health and the platform-wide audit log. */
package io.tributary.web.admin;
