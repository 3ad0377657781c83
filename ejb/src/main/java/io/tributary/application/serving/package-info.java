/**
 * Serving: hosts every published adapter on its shared base behind an OpenAI-compatible API. The catalogue resolves
 * model names ({@code <organization>/<model>}, {@code @<version>}, base names) for the caller; the runtime keeps one
 * adapter server per base; the inference service validates, limits, reserves credit, generates, then meters and
 * charges each request in one transaction that also publishes {@link io.tributary.application.serving.InferenceServed}.
 */
package io.tributary.application.serving;
