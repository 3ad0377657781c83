/** Text generation: greedy and sampled decoding with a KV cache, stop sequences and streaming. */
package io.tributary.training.generate;
