package io.tributary.training.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.tokenizer.internal.BpeTrainer;
import io.tributary.training.tokenizer.internal.ByteLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A byte-level BPE tokenizer that reads, trains and writes Hugging Face GPT-2 {@code tokenizer.json} files. */
public final class Tokenizer {

    /** GPT-2's end-of-text token, used as document separator and stop token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final String[] symbols;
    private final byte[][] tokenBytes;
    private final Map<String, Integer> ids;
    private final Map<Long, int[]> merges; // (left, right) -> {rank, merged id}
    private final int[] byteIds = new int[256];
    private final int endOfTextId;
    private final List<String> mergeList;
    private static final int MAX_CACHED_PIECES = 200_000;
    private final Map<String, int[]> pieceCache = new ConcurrentHashMap<>();

    private Tokenizer(String[] symbols, List<String> mergeList, int endOfTextId) {
        this.symbols = symbols;
        this.mergeList = List.copyOf(mergeList);
        this.endOfTextId = endOfTextId;
        this.ids = new HashMap<>(symbols.length * 2);
        this.tokenBytes = new byte[symbols.length][];
        for (int id = 0; id < symbols.length; id++) {
            if (symbols[id] == null) {
                continue;
            }
            ids.put(symbols[id], id);
            tokenBytes[id] =
                    id == endOfTextId ? symbols[id].getBytes(StandardCharsets.UTF_8) : ByteLevel.toBytes(symbols[id]);
        }
        java.util.Arrays.fill(byteIds, -1);
        for (int b = 0; b < 256; b++) {
            Integer id = ids.get(ByteLevel.toSymbols(new byte[] {(byte) b}));
            if (id == null) {
                throw new IllegalArgumentException("Vocabulary lacks the byte symbol for byte " + b);
            }
            byteIds[b] = id;
        }
        this.merges = new HashMap<>(mergeList.size() * 2);
        for (int rank = 0; rank < mergeList.size(); rank++) {
            String merge = mergeList.get(rank);
            int space = merge.indexOf(' ');
            if (space <= 0 || space == merge.length() - 1) {
                throw new IllegalArgumentException("Malformed merge rule '" + merge + "'");
            }
            String left = merge.substring(0, space);
            String right = merge.substring(space + 1);
            Integer l = ids.get(left);
            Integer r = ids.get(right);
            Integer m = ids.get(left + right);
            if (l == null || r == null || m == null) {
                throw new IllegalArgumentException(
                        "Merge rule '" + merge + "' uses tokens missing from the vocabulary");
            }
            merges.putIfAbsent(key(l, r), new int[] {rank, m});
        }
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Trains a tokenizer of {@code vocabularySize} tokens (256 bytes, the learned merges, end-of-text). */
    public static Tokenizer train(Iterable<String> documents, int vocabularySize) {
        if (vocabularySize < 258) {
            throw new IllegalArgumentException("vocabularySize must be at least 258, got " + vocabularySize);
        }
        List<byte[]> bytes = new ArrayList<>();
        documents.forEach(d -> bytes.add(d.getBytes(StandardCharsets.UTF_8)));
        List<BpeTrainer.Merge> learned = BpeTrainer.train(bytes, vocabularySize - 257);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            symbols.add(ByteLevel.toSymbols(new byte[] {(byte) ByteLevel.byteAt(i)}));
        }
        List<String> mergeStrings = new ArrayList<>();
        for (BpeTrainer.Merge merge : learned) {
            String left = symbols.get(merge.left());
            String right = symbols.get(merge.right());
            mergeStrings.add(left + " " + right);
            symbols.add(left + right);
        }
        symbols.add(END_OF_TEXT);
        return new Tokenizer(symbols.toArray(String[]::new), mergeStrings, symbols.size() - 1);
    }

    /** Loads a Hugging Face {@code tokenizer.json} with a byte-level BPE model (as GPT-2's). */
    public static Tokenizer load(Path file) throws IOException {
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException("Tokenizer file not found: " + file, e);
        } catch (RuntimeException e) {
            throw new IOException("Malformed tokenizer file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonObject model = root.getAsJsonObject("model");
            if (model == null || !"BPE".equals(model.get("type").getAsString())) {
                throw new IOException(
                        "Unsupported tokenizer in " + file + ": only byte-level BPE models are supported");
            }
            if (model.has("byte_fallback") && model.get("byte_fallback").getAsBoolean()) {
                throw new IOException("Unsupported tokenizer in " + file + ": SentencePiece-style BPE with byte"
                        + " fallback (Llama 2, TinyLlama) is not supported; byte-level BPE (GPT-2, Qwen2, SmolLM) is");
            }
            if (!mentionsByteLevel(root.get("pre_tokenizer"))) {
                throw new IOException("Unsupported tokenizer in " + file + ": the pre-tokenizer is not ByteLevel");
            }
            JsonObject vocab = model.getAsJsonObject("vocab");
            int size = 0;
            for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
                size = Math.max(size, e.getValue().getAsInt() + 1);
            }
            JsonArray added =
                    root.has("added_tokens") && root.get("added_tokens").isJsonArray()
                            ? root.getAsJsonArray("added_tokens")
                            : new JsonArray();
            for (JsonElement token : added) {
                size = Math.max(size, token.getAsJsonObject().get("id").getAsInt() + 1);
            }
            String[] symbols = new String[size];
            for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
                symbols[e.getValue().getAsInt()] = e.getKey();
            }
            int eos = -1;
            for (JsonElement token : added) {
                JsonObject t = token.getAsJsonObject();
                symbols[t.get("id").getAsInt()] = t.get("content").getAsString();
                if (END_OF_TEXT.equals(t.get("content").getAsString())) {
                    eos = t.get("id").getAsInt();
                }
            }
            if (eos < 0 && vocab.has(END_OF_TEXT)) {
                eos = vocab.get(END_OF_TEXT).getAsInt();
            }
            if (eos < 0) {
                throw new IOException("Tokenizer " + file + " has no " + END_OF_TEXT + " token");
            }
            List<String> mergeStrings = new ArrayList<>();
            for (JsonElement merge : model.getAsJsonArray("merges")) {
                if (merge.isJsonArray()) {
                    JsonArray pair = merge.getAsJsonArray();
                    mergeStrings.add(
                            pair.get(0).getAsString() + " " + pair.get(1).getAsString());
                } else {
                    mergeStrings.add(merge.getAsString());
                }
            }
            return new Tokenizer(symbols, mergeStrings, eos);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new IOException("Malformed tokenizer file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean mentionsByteLevel(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return false;
        }
        return element.toString().contains("\"ByteLevel\"");
    }

    /** Writes a {@code tokenizer.json} that Hugging Face tokenizers loads as a GPT-2 tokenizer. */
    public void save(Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        JsonObject eos = new JsonObject();
        eos.addProperty("id", endOfTextId);
        eos.addProperty("content", END_OF_TEXT);
        eos.addProperty("single_word", false);
        eos.addProperty("lstrip", false);
        eos.addProperty("rstrip", false);
        eos.addProperty("normalized", true);
        eos.addProperty("special", true);
        added.add(eos);
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", byteLevel(false, true));
        root.add("post_processor", byteLevel(true, false));
        root.add("decoder", byteLevel(true, true));
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        JsonObject vocab = new JsonObject();
        for (int id = 0; id < symbols.length; id++) {
            if (symbols[id] != null) {
                vocab.addProperty(symbols[id], id);
            }
        }
        model.add("vocab", vocab);
        JsonArray mergeArray = new JsonArray();
        mergeList.forEach(mergeArray::add);
        model.add("merges", mergeArray);
        root.add("model", model);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, new GsonBuilder().disableHtmlEscaping().create().toJson(root), StandardCharsets.UTF_8);
    }

    private static JsonObject byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", addPrefixSpace);
        o.addProperty("trim_offsets", trimOffsets);
        o.addProperty("use_regex", true);
        return o;
    }

    public int[] encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes raw bytes; invalid UTF-8 is kept byte for byte, so {@link #decodeBytes} always gives it back. */
    public int[] encode(byte[] bytes) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (byte[] piece : ByteLevel.split(bytes)) {
            String symbols = ByteLevel.toSymbols(piece);
            int[] ids = pieceCache.get(symbols);
            if (ids == null) {
                ids = encodePiece(piece);
                // Bounded so that encoding an endless stream of novel text cannot exhaust memory.
                if (pieceCache.size() < MAX_CACHED_PIECES) {
                    pieceCache.put(symbols, ids);
                }
            }
            parts.add(ids);
            total += ids.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private int[] encodePiece(byte[] piece) {
        int[] word = new int[piece.length];
        for (int i = 0; i < piece.length; i++) {
            word[i] = byteIds[piece[i] & 0xFF];
        }
        int length = word.length;
        while (length > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            int bestId = -1;
            for (int i = 0; i + 1 < length; i++) {
                int[] merge = merges.get(key(word[i], word[i + 1]));
                if (merge != null && merge[0] < bestRank) {
                    bestRank = merge[0];
                    bestAt = i;
                    bestId = merge[1];
                }
            }
            if (bestAt < 0) {
                break;
            }
            int left = word[bestAt];
            int right = word[bestAt + 1];
            int out = 0;
            for (int i = 0; i < length; i++) {
                if (i + 1 < length && word[i] == left && word[i + 1] == right) {
                    word[out++] = bestId;
                    i++;
                } else {
                    word[out++] = word[i];
                }
            }
            length = out;
        }
        return java.util.Arrays.copyOf(word, length);
    }

    public byte[] decodeBytes(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(tokens.length * 4);
        for (int id : tokens) {
            if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
                throw new IllegalArgumentException("Unknown token id " + id);
            }
            out.writeBytes(tokenBytes[id]);
        }
        return out.toByteArray();
    }

    /** Decodes to text; invalid UTF-8 sequences become U+FFFD. */
    public String decode(int[] tokens) {
        return new String(decodeBytes(tokens), StandardCharsets.UTF_8);
    }

    public int vocabularySize() {
        return symbols.length;
    }

    public int endOfTextId() {
        return endOfTextId;
    }

    public int mergeCount() {
        return mergeList.size();
    }

    /** The vocabulary string of a token, in GPT-2's byte-symbol alphabet. */
    public String symbol(int id) {
        return symbols[id];
    }
}
