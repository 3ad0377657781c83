/** The application shell: layout, role-aware navigation, tenant branding, dashboards and user feedback. */
package io.tributary.web.shell;
