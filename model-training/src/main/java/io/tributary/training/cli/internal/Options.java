package io.tributary.training.cli.internal;

import io.tributary.training.train.TrainingConfig;
import java.nio.file.Path;

/** Option groups shared by the training commands. */
final class Options {

    static final String[] TRAINING = {
        "steps=",
        "batch=",
        "accumulation=",
        "lr=",
        "warmup=",
        "weight-decay=",
        "clip=",
        "val-fraction=",
        "eval-every=",
        "patience=",
        "checkpoint-dir=",
        "checkpoint-every=",
        "resume=",
        "seed=",
        "log-every="
    };

    static final String TRAINING_HELP = String.join(
            "\n",
            "  --steps N             optimiser steps (default %d)",
            "  --batch N             examples per micro-batch (default %d)",
            "  --accumulation N      micro-batches per step (default 1)",
            "  --lr X                peak learning rate (default %s)",
            "  --warmup N            warm-up steps before cosine decay (default %d)",
            "  --weight-decay X      AdamW weight decay (default 0.01)",
            "  --clip X              gradient-norm clip, 0 = off (default 1.0)",
            "  --val-fraction X      share held out for validation (default %s)",
            "  --eval-every N        validate every N steps (default: at the end)",
            "  --patience N          stop after N validations without improvement (default: off)",
            "  --checkpoint-dir DIR  where checkpoints go",
            "  --checkpoint-every N  checkpoint every N steps (needs --checkpoint-dir)",
            "  --resume PATH         continue from a checkpoint (or the latest one in a directory)",
            "  --seed N              seed of data order, split and dropout (default 42)",
            "  --log-every N         print progress every N steps (default 10)");

    private Options() {}

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static TrainingConfig training(Arguments args, int steps, int batch, double lr, int warmup, double valFraction)
            throws UsageException {
        try {
            TrainingConfig.Builder b = TrainingConfig.builder()
                    .maxSteps(args.integer("steps", steps))
                    .batchSize(args.integer("batch", batch))
                    .accumulationSteps(args.integer("accumulation", 1))
                    .learningRate(args.number("lr", lr))
                    .warmupSteps(args.integer("warmup", warmup))
                    .weightDecay(args.number("weight-decay", 0.01))
                    .maxGradientNorm(args.number("clip", 1.0))
                    .validationFraction(args.number("val-fraction", valFraction))
                    .evaluateEvery(args.integer("eval-every", 0))
                    .patience(args.integer("patience", 0))
                    .seed(args.longValue("seed", 42));
            if (args.has("checkpoint-dir") || args.has("checkpoint-every")) {
                String dir = args.string("checkpoint-dir", null);
                b.checkpoints(dir == null ? null : Path.of(dir), args.integer("checkpoint-every", 100));
            }
            if (args.has("resume")) {
                Path resume = Path.of(args.required("resume"));
                if (!java.nio.file.Files.exists(resume)) {
                    throw new UsageException("--resume: checkpoint not found: " + resume);
                }
                b.resumeFrom(resume);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
