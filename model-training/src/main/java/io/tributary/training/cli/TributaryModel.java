package io.tributary.training.cli;

import io.tributary.training.cli.internal.Arguments;
import io.tributary.training.cli.internal.AttributionEvalCommand;
import io.tributary.training.cli.internal.BenchCommand;
import io.tributary.training.cli.internal.Command;
import io.tributary.training.cli.internal.EvalCommand;
import io.tributary.training.cli.internal.ExportCommand;
import io.tributary.training.cli.internal.FinetuneCommand;
import io.tributary.training.cli.internal.GenerateCommand;
import io.tributary.training.cli.internal.PretrainCommand;
import io.tributary.training.cli.internal.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code tributary-model} command line. */
public final class TributaryModel {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {
            new PretrainCommand(),
            new FinetuneCommand(),
            new GenerateCommand(),
            new EvalCommand(),
            new ExportCommand(),
            new BenchCommand(),
            new AttributionEvalCommand()
        }) {
            COMMANDS.put(c.name(), c);
        }
    }

    private TributaryModel() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("error: unknown command '" + args[0] + "'");
            err.println(usage());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(new Arguments(rest, command.options()), out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'tributary-model " + command.name() + " --help' for usage.");
            return 2;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // Engine failures carry native detail nobody can act on; the class name is enough to report a bug.
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: tributary-model <command> [options]\n\nCommands:\n");
        COMMANDS.values().forEach(c -> sb.append(String.format("  %-17s %s%n", c.name(), c.summary())));
        sb.append("\nRun 'tributary-model <command> --help' for a command's options.");
        return sb.toString();
    }
}
