/** Generation internals: the sampler and the incremental text decoder that handles stop sequences. */
package io.tributary.training.generate.internal;
