package io.tributary.persistence.factory;

/** One optimiser step of a run as charted: training loss, learning rate, throughput, and validation loss if measured. */
public record RunMetric(int step, double loss, double learningRate, double tokensPerSecond, Double validationLoss) {}
