/** The {@code tributary-model} command line: pretrain, finetune, generate, eval, export and bench. */
package io.tributary.training.cli;
