package io.tributary.training.cli.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code bench}: prints training, generation and multi-adapter serving measurements as JSON. */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure training, KV-cache generation and multi-adapter serving speed (JSON)";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options("quick", "adapters=", "out=", "only=");
    }

    @Override
    public String usage() {
        return String.join(
                "\n",
                "Usage: tributary-model bench [--quick] [--adapters 1,10,100,1000] [--out FILE]",
                "",
                "Measures, in one run: the dense matmul rate; training tokens/s and its fraction of that rate",
                "(6 x parameters x tokens/s / GEMM FLOP/s); generation tokens/s of 256 new tokens with and",
                "without the KV cache; decode ms/token on the shipped base (one sequence, and 8 batched); mixed-adapter serving throughput against base-only and against merging",
                "each request's adapter. Progress goes to standard error, the JSON report to standard output.",
                "",
                "  --quick          fewer repetitions (less stable numbers)",
                "  --adapters LIST  distinct adapter counts to serve (default 1,10,100,1000)",
                "  --only LIST      run only some of: training, concurrency, import, generation, decode, serving,",
                "                   attribution (scoring one inference against 10,000 records, p50/p95 ms),",
                "                   hosted (adapters of ranks 4/8/16 loaded from disk on demand under a resident",
                "                   budget, closed-loop clients: tokens/s, time to first token, time per output token,",
                "                   cold loads per rank, against base-only and one merged model per adapter)",
                "  --out FILE       also write the JSON report to FILE");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String s : args.all("adapters")) {
            try {
                int n = Integer.parseInt(s);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                counts.add(n);
            } catch (NumberFormatException e) {
                throw new UsageException("--adapters expects positive integers, got '" + s + "'");
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 10, 100, 1000);
        }
        List<String> only = args.all("only");
        for (String part : only) {
            if (!List.of(
                            "training",
                            "concurrency",
                            "import",
                            "generation",
                            "decode",
                            "serving",
                            "hosted",
                            "attribution")
                    .contains(part)) {
                throw new UsageException(
                        "--only expects training, concurrency, import, generation, decode, serving, hosted or attribution,"
                                + " got '"
                                + part + "'");
            }
        }
        JsonObject report = new Benchmark(args.flag("quick"), err).run(counts, only);
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(report);
        out.println(json);
        if (args.has("out")) {
            Files.writeString(Path.of(args.required("out")), json + "\n");
        }
        return 0;
    }
}
