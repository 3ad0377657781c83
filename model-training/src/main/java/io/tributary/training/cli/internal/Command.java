package io.tributary.training.cli.internal;

import java.io.PrintStream;
import java.util.Map;

/** One subcommand of the command line. */
public interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** The full {@code --help} text. */
    String usage();

    /** Accepted options; names ending in {@code =} take a value. */
    Map<String, Boolean> options();

    /** Runs with parsed arguments; returns the exit code. */
    int run(Arguments args, PrintStream out, PrintStream err) throws Exception;
}
