package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

    private static String prose(int sentences, long seed) {
        String[] words =
                "the valve opens when pressure rises and closes again as the chamber empties into the aorta".split(" ");
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int length = 6 + random.nextInt(12);
            for (int w = 0; w < length; w++) {
                text.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            text.append(s % 5 == 4 ? ".\n\n" : ". ");
        }
        return text.toString();
    }

    @Test
    void chunksRespectTheMaximumAndNeverSplitAWord() {
        String text = prose(300, 1);
        Set<String> vocabulary = new HashSet<>(List.of(text.split("[\\s.]+")));

        List<String> chunks = new DocumentChunker(new Chunking(500, 80)).chunk(text);

        assertThat(chunks).hasSizeGreaterThan(10);
        for (String chunk : chunks) {
            assertThat(chunk.length()).isLessThanOrEqualTo(500);
            String[] tokens = chunk.split("[\\s.]+");
            assertThat(vocabulary).contains(tokens[0], tokens[tokens.length - 1]);
        }
    }

    @Test
    void consecutiveChunksOverlapByAboutTheConfiguredAmount() {
        List<String> chunks = new DocumentChunker(new Chunking(400, 100)).chunk(prose(200, 2));

        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1);
            String head = chunks.get(i).substring(0, 40);
            int at = previous.lastIndexOf(head);
            assertThat(at).as("chunk %d starts inside chunk %d", i + 1, i).isGreaterThan(0);
            assertThat(previous.length() - at).as("overlap of chunk %d", i + 1).isBetween(60, 100);
        }
    }

    @Test
    void prefersParagraphThenSentenceBoundaries() {
        String paragraph1 = "First paragraph sentence one. First paragraph sentence two is a little longer.";
        String paragraph2 = "Second paragraph starts here and goes on for a while without stopping at all";
        List<String> chunks = new DocumentChunker(new Chunking(120, 0)).chunk(paragraph1 + "\n\n" + paragraph2);

        assertThat(chunks).containsExactly(paragraph1, paragraph2);

        String sentences = "Short one here. " + "Another sentence that runs on and on for quite some time. ".repeat(3);
        List<String> bySentence = new DocumentChunker(new Chunking(100, 0)).chunk(sentences);
        assertThat(bySentence.get(0)).endsWith(".");
    }

    @Test
    void cutsAWordOnlyWhenItIsLongerThanAChunk() {
        String dna = "ACGT".repeat(60);

        List<String> chunks = new DocumentChunker(new Chunking(100, 20)).chunk("Sequence: " + dna + " ends");

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(100));
        assertThat(String.join("", chunks).replace(" ", "")).contains(dna);
    }

    @Test
    void streamingAndInMemoryChunkingAgree() throws Exception {
        String text = prose(150, 3);
        DocumentChunker chunker = new DocumentChunker(new Chunking(300, 50));
        List<String> streamed = new ArrayList<>();

        chunker.chunk(new StringReader(text), streamed::add);

        assertThat(streamed).isEqualTo(chunker.chunk(text));
    }

    @Test
    void whitespaceOnlyTextHasNoChunks() {
        assertThat(new DocumentChunker(Chunking.DEFAULT).chunk(" \n\n \t")).isEmpty();
    }
}
