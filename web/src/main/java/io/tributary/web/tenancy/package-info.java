/** The organization pages and API: members, API keys, SSO connections, branding. */
package io.tributary.web.tenancy;
