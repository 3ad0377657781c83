/** Evaluation: validation loss and perplexity, question-answer scores, side-by-side comparisons. */
package io.tributary.training.eval;
