/**
 * Serving over HTTP: the OpenAI-compatible {@code /v1} API (models, chat and text completions, streamed as
 * server-sent events; errors in OpenAI's envelope) and {@code /api/serving} for prepaid credits, model sharing and
 * hot swaps, usage and limits.
 */
package io.tributary.web.serving;
