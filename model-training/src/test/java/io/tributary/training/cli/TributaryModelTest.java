package io.tributary.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TributaryModelTest {

    @TempDir
    static Path shared;

    private static Path model;

    /** Result of one command line. */
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TributaryModel.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // Whatever happens, users never see a stack trace.
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception in");
        return run;
    }

    @BeforeAll
    static void pretrainATinyModel() throws IOException {
        Path corpus = shared.resolve("corpus.txt");
        Files.writeString(corpus, (TestModels.TEXT + "\n\n").repeat(20));
        model = shared.resolve("model");
        Run run = run(
                "pretrain",
                "--corpus",
                corpus.toString(),
                "--out",
                model.toString(),
                "--vocab",
                "300",
                "--context",
                "96",
                "--width",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--steps",
                "4",
                "--batch",
                "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("COMPLETED after 4 steps");
        assertThat(model.resolve("model.safetensors")).exists();
        assertThat(model.resolve("tokenizer.json")).exists();
        assertThat(model.resolve("pretraining.json")).exists();
    }

    @Test
    void withoutArgumentsPrintsUsage() {
        Run run = run();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("pretrain", "finetune", "generate", "eval", "export", "bench");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pretrain", "finetune", "generate", "eval", "export", "bench"})
    void everyCommandHasHelp(String command) {
        Run run = run(command, "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: tributary-model " + command);
    }

    @Test
    void unknownCommandsAndOptionsAreReportedClearly() {
        Run unknown = run("train");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown command 'train'");
        Run option = run("generate", "--modle", "x");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).startsWith("error: unknown option --modle").contains("generate --help");
        Run missing = run("generate", "--prompt", "hi");
        assertThat(missing.err()).startsWith("error: missing required option --model");
        Run noValue = run("generate", "--model");
        assertThat(noValue.err()).startsWith("error: option --model needs a value");
    }

    @Test
    void missingFilesAndDirectoriesAreReportedClearly() {
        Run noModel = run("generate", "--model", shared.resolve("absent").toString(), "--prompt", "x");
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("directory not found").contains("absent");
        Run noCorpus = run("pretrain", "--corpus", shared.resolve("none.txt").toString(), "--out", "x");
        assertThat(noCorpus.err()).contains("--corpus: file not found");
        Run noData = run(
                "finetune",
                "--model",
                model.toString(),
                "--data",
                shared.resolve("none.jsonl").toString(),
                "--out",
                shared.resolve("a").toString());
        assertThat(noData.err()).contains("--data: file not found");
    }

    @Test
    void badNumbersAndSettingsAreReportedClearly() {
        Run steps = run("generate", "--model", model.toString(), "--prompt", "x", "--max-new-tokens", "lots");
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.err()).contains("--max-new-tokens expects an integer, got 'lots'");
        Run topP = run("generate", "--model", model.toString(), "--prompt", "x", "--top-p", "2");
        assertThat(topP.err()).contains("topP must be in (0, 1]");
        Run heads = run(
                "pretrain",
                "--corpus",
                shared.resolve("corpus.txt").toString(),
                "--out",
                shared.resolve("o").toString(),
                "--width",
                "10",
                "--heads",
                "3",
                "--vocab",
                "260");
        assertThat(heads.err()).contains("must be divisible by heads");
    }

    @Test
    void emptyOrMalformedDatasetsAreReportedClearly() throws IOException {
        Path empty = shared.resolve("empty.jsonl");
        Files.writeString(empty, "\n\n");
        Run emptyRun = run(
                "finetune",
                "--model",
                model.toString(),
                "--data",
                empty.toString(),
                "--out",
                shared.resolve("a1").toString());
        assertThat(emptyRun.code()).isEqualTo(1);
        assertThat(emptyRun.err()).contains("has no examples");
        Path malformed = shared.resolve("bad.jsonl");
        Files.writeString(malformed, "{\"instruction\":\"a\",\"response\":\"b\"}\n{\"instruction\": oops}\n");
        Run bad = run(
                "finetune",
                "--model",
                model.toString(),
                "--data",
                malformed.toString(),
                "--out",
                shared.resolve("a2").toString());
        assertThat(bad.err()).contains("Malformed dataset line 2");
        Path missingField = shared.resolve("field.jsonl");
        Files.writeString(missingField, "{\"instruction\":\"a\"}\n");
        Run field = run(
                "finetune",
                "--model",
                model.toString(),
                "--data",
                missingField.toString(),
                "--out",
                shared.resolve("a3").toString());
        assertThat(field.err()).contains("line 1").contains("response");
        Path emptyCorpus = shared.resolve("empty.txt");
        Files.writeString(emptyCorpus, "  \n");
        Run corpus = run(
                "pretrain",
                "--corpus",
                emptyCorpus.toString(),
                "--out",
                shared.resolve("o2").toString());
        assertThat(corpus.err()).contains("the corpus is empty");
    }

    @Test
    void badModelConfigIsReportedClearly() throws IOException {
        Path broken = shared.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("config.json"), "{\"n_embd\": 12, ");
        Run run = run("generate", "--model", broken.toString(), "--prompt", "x");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Malformed model config");
        Files.writeString(
                broken.resolve("config.json"),
                "{\"model_type\":\"gpt2\",\"n_embd\":12,\"n_head\":5,"
                        + "\"n_layer\":1,\"vocab_size\":300,\"n_positions\":8}");
        Run heads = run("generate", "--model", broken.toString(), "--prompt", "x");
        assertThat(heads.err()).contains("Bad model config").contains("divisible");
    }

    /** The shipped base's greedy loops are what its generation_config.json's repetition rules are for. */
    @Test
    void generateUsesTheModelsGenerationConfigUnlessTheCommandLineChooses() throws IOException {
        Path plain = shared.resolve("base-plain");
        Path tuned = shared.resolve("base-tuned");
        for (Path dir : List.of(plain, tuned)) {
            Files.createDirectories(dir);
            for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
                Files.copy(Path.of("base-model").resolve(file), dir.resolve(file));
            }
        }
        Files.writeString(
                tuned.resolve("generation_config.json"),
                "{\"do_sample\": false, \"repetition_penalty\": 1.3, \"no_repeat_ngram_size\": 3}");
        String[] ask = {"--prompt", "A bank is", "--max-new-tokens", "24", "--no-prompt"};
        String greedy = generated(plain, ask);
        String penalised = generated(tuned, ask);
        assertThat(penalised).isNotEqualTo(greedy);
        String[] overridden = {
            "--prompt",
            "A bank is",
            "--max-new-tokens",
            "24",
            "--no-prompt",
            "--repetition-penalty",
            "1",
            "--no-repeat-ngram-size",
            "0"
        };
        assertThat(generated(tuned, overridden)).isEqualTo(greedy);

        Files.writeString(tuned.resolve("generation_config.json"), "{\"top_p\": 2}");
        Run bad = run("generate", "--model", tuned.toString(), "--prompt", "x");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("generation_config.json", "topP must be in (0, 1]");
    }

    private static String generated(Path model, String... args) {
        List<String> all = new ArrayList<>(List.of("generate", "--model", model.toString()));
        all.addAll(List.of(args));
        Run run = run(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void generateFinetuneEvalAndExportWorkTogether() throws IOException {
        Run generated = run("generate", "--model", model.toString(), "--prompt", "And God", "--max-new-tokens", "5");
        assertThat(generated.code()).as(generated.err()).isZero();
        assertThat(generated.out()).startsWith("And God");
        assertThat(generated.err()).contains("5 tokens");

        Path data = shared.resolve("pairs.jsonl");
        Files.writeString(data, """
                {"instruction": "What was created?", "response": "the heaven and the earth"}
                {"instruction": "What did God say?", "response": "Let there be light"}
                {"instruction": "What was upon the deep?", "response": "darkness"}
                """);
        Path adapter = shared.resolve("adapter");
        Run tuned = run(
                "finetune",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--out",
                adapter.toString(),
                "--steps",
                "3",
                "--batch",
                "2",
                "--rank",
                "2",
                "--val-fraction",
                "0");
        assertThat(tuned.code()).as(tuned.err()).isZero();
        assertThat(adapter.resolve("adapter_config.json")).exists();

        Run qa = run(
                "eval",
                "--model",
                model.toString(),
                "--adapter",
                adapter.toString(),
                "--qa",
                data.toString(),
                "--max-new-tokens",
                "4");
        assertThat(qa.code()).as(qa.err()).isZero();
        assertThat(qa.out()).contains("\"exactMatch\"").contains("\"f1\"");
        Path prompts = shared.resolve("prompts.txt");
        Files.writeString(prompts, "And God\nthe earth\n");
        Run sideBySide = run(
                "eval",
                "--model",
                model.toString(),
                "--adapter",
                adapter.toString(),
                "--prompts",
                prompts.toString(),
                "--max-new-tokens",
                "4");
        assertThat(sideBySide.out()).contains("\"sideBySide\"").contains("\"the earth\"");
        Run perplexity = run(
                "eval",
                "--model",
                model.toString(),
                "--text",
                shared.resolve("corpus.txt").toString());
        assertThat(perplexity.out()).contains("\"perplexity\"");

        Path merged = shared.resolve("merged");
        Run export =
                run("export", "--model", model.toString(), "--adapter", adapter.toString(), "--out", merged.toString());
        assertThat(export.code()).as(export.err()).isZero();
        try (LanguageModel base = LanguageModel.load(model);
                Adapter loaded = Adapter.load(adapter, base);
                LanguageModel exported = LanguageModel.load(merged)) {
            int[] tokens = base.requireTokenizer().encode("And God said");
            float[][] viaAdapter = base.logits(tokens, loaded);
            float[][] viaMerge = exported.logits(tokens);
            assertThat(TestModels.maxAbsDifference(viaAdapter, viaMerge)).isLessThan(1e-4f);
        }
    }
}
