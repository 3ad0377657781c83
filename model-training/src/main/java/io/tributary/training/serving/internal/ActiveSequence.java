package io.tributary.training.serving.internal;

import io.tributary.training.generate.Generation;
import io.tributary.training.generate.internal.Sampler;
import io.tributary.training.generate.internal.TextStream;
import io.tributary.training.serving.ServingRequest;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** A request being decoded: its sampler, text so far and the logits of its next position. */
public final class ActiveSequence {

    public final ServingRequest request;
    public final CompletableFuture<Generation> result;
    public final Sampler sampler;
    public final TextStream stream;
    /** The adapter's resident weights, or null for the base model. */
    public final AdapterWeights weights;

    public final int[] generated;
    public int count;
    public float[] nextLogits;
    public int pendingToken = -1;

    public ActiveSequence(
            ServingRequest request,
            int[] prompt,
            CompletableFuture<Generation> result,
            TextStream stream,
            AdapterWeights weights) {
        this.request = request;
        this.result = result;
        this.sampler = new Sampler(request.config(), prompt);
        this.stream = stream;
        this.weights = weights;
        this.generated = new int[request.config().maxNewTokens()];
    }

    public void complete(Generation.StopReason reason) {
        String text = stream.finish();
        result.complete(new Generation(text, Arrays.copyOf(generated, count), reason, sampler.seed()));
    }
}
