/** Command-line internals: argument parsing, the subcommands and the benchmark. */
package io.tributary.training.cli.internal;
