/** The REST API's plumbing: the application under /api, RFC 9457 problem responses, and the OpenAPI document. */
package io.tributary.web.rest;
