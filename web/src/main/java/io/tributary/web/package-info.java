/** The web tier: signed-in pages (JSF + PrimeFaces) and the REST API, one subpackage per bounded context. */
package io.tributary.web;
