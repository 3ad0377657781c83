package io.tributary.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.training.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {

    private static final int[] INTERESTING = {
        'a', 'Z', ' ', ' ', '\n', '\t', '\'', '.', '7', 0x00E9, 0x0301, 0x0308, 0x0627, 0x4E2D, 0x1F600, 0x1F469,
        0x200D, 0x1F4BB, 0x1F1EB, 0x1F1F7, 0x00A0, 0x3000, 0xFE0F, 0x10FFFF
    };

    @Test
    void randomUnicodeTextRoundTripsExactly() {
        Tokenizer tokenizer = TestModels.tokenizer();
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int cp = random.nextBoolean()
                        ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : randomScalarValue(random);
                sb.appendCodePoint(cp);
            }
            String text = sb.toString();
            int[] ids = tokenizer.encode(text);
            assertThat(tokenizer.decode(ids)).as("trial %d", trial).isEqualTo(text);
            assertThat(tokenizer.decodeBytes(ids)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int randomScalarValue(Random random) {
        while (true) {
            int cp = random.nextInt(0x110000);
            if (cp < 0xD800 || cp > 0xDFFF) {
                return cp;
            }
        }
    }

    @Test
    void arbitraryBytesIncludingInvalidUtf8RoundTripExactly() {
        Tokenizer tokenizer = TestModels.tokenizer();
        Random random = new Random(11);
        byte[][] fixed = {
            {(byte) 0xFF},
            {(byte) 0xC3},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            {'a', (byte) 0x80, 'b'},
            {(byte) 0xC0, (byte) 0xAF}
        };
        for (byte[] bytes : fixed) {
            assertThat(tokenizer.decodeBytes(tokenizer.encode(bytes))).isEqualTo(bytes);
        }
        for (int trial = 0; trial < 500; trial++) {
            byte[] bytes = new byte[random.nextInt(60)];
            random.nextBytes(bytes);
            assertThat(tokenizer.decodeBytes(tokenizer.encode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void trainingLearnsMergesThatShortenTheCorpus() {
        Tokenizer tokenizer = TestModels.tokenizer();
        byte[] bytes = TestModels.TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(tokenizer.mergeCount()).isGreaterThan(0);
        assertThat(tokenizer.encode(TestModels.TEXT).length).isLessThan(bytes.length / 2);
        assertThat(tokenizer.symbol(tokenizer.endOfTextId())).isEqualTo(Tokenizer.END_OF_TEXT);
    }

    @Test
    void savedTokenizerLoadsBackWithIdenticalEncodings(@TempDir Path dir) throws IOException {
        Tokenizer tokenizer = TestModels.tokenizer();
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        Tokenizer loaded = Tokenizer.load(file);
        assertThat(loaded.vocabularySize()).isEqualTo(tokenizer.vocabularySize());
        for (String text : List.of(TestModels.TEXT, "Let there be 🌍 light, naïve café", "  spaced\n\nout ")) {
            assertThat(loaded.encode(text)).isEqualTo(tokenizer.encode(text));
        }
    }

    @Test
    void loadsGpt2StyleFileWithArrayMerges(@TempDir Path dir) throws IOException {
        // A hand-written GPT-2-format file: "Ġ" is the byte symbol of a space.
        String json = "{\"model\":{\"type\":\"BPE\",\"vocab\":{"
                + buildVocab() + "\"Ġt\":256,\"Ġth\":257,\"<|endoftext|>\":258},"
                + "\"merges\":[[\"Ġ\",\"t\"],[\"Ġt\",\"h\"]]},"
                + "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false}}";
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json);
        Tokenizer tokenizer = Tokenizer.load(file);
        assertThat(tokenizer.endOfTextId()).isEqualTo(258);
        int[] ids = tokenizer.encode(" the");
        assertThat(ids).hasSize(2).startsWith(257);
        assertThat(tokenizer.decode(ids)).isEqualTo(" the");
    }

    private static String buildVocab() {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            String symbol = io.tributary.training.tokenizer.internal.ByteLevel.toSymbols(
                    new byte[] {(byte) io.tributary.training.tokenizer.internal.ByteLevel.byteAt(i)});
            vocab.append(new com.google.gson.Gson().toJson(symbol))
                    .append(':')
                    .append(i)
                    .append(',');
        }
        return vocab.toString();
    }

    @Test
    void malformedFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> Tokenizer.load(missing)).hasMessageContaining("not found");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{not json");
        assertThatThrownBy(() -> Tokenizer.load(garbage)).hasMessageContaining("Malformed tokenizer");
        Path wordPiece = dir.resolve("wp.json");
        Files.writeString(wordPiece, "{\"model\":{\"type\":\"WordPiece\"}}");
        assertThatThrownBy(() -> Tokenizer.load(wordPiece)).hasMessageContaining("only byte-level BPE");
    }
}
