/** Who is calling: OIDC browser sessions, API keys and bearer tokens become an Actor bound to one tenant. */
package io.tributary.web.security;
