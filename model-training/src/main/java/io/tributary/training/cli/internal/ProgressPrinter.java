package io.tributary.training.cli.internal;

import io.tributary.training.train.TrainingListener;
import io.tributary.training.train.TrainingProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Prints training progress every few steps. */
final class ProgressPrinter implements TrainingListener {

    private final PrintStream out;
    private final int every;

    ProgressPrinter(PrintStream out, int every) {
        this.out = out;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStep(TrainingProgress p) {
        if (p.step() % every == 0 || p.step() == p.totalSteps() || p.step() == 1) {
            out.printf(
                    Locale.ROOT,
                    "step %d/%d  loss %.4f  lr %.2e  %.0f tokens/s  eta %ds%n",
                    p.step(),
                    p.totalSteps(),
                    p.loss(),
                    p.learningRate(),
                    p.tokensPerSecond(),
                    p.eta().toSeconds());
        }
    }

    @Override
    public void onValidation(int step, double loss) {
        out.printf(Locale.ROOT, "step %d  validation loss %.4f  perplexity %.2f%n", step, loss, Math.exp(loss));
    }

    static String validation(double loss) {
        return Double.isNaN(loss)
                ? "no validation data"
                : String.format(Locale.ROOT, "validation loss %.4f (perplexity %.2f)", loss, Math.exp(loss));
    }

    @Override
    public void onCheckpoint(int step, Path checkpoint) {
        out.println("checkpoint " + checkpoint);
    }
}
