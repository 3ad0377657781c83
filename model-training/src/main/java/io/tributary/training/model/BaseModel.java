package io.tributary.training.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The one entry point for loading a base model, the shipped one or an imported Hugging Face folder of the GPT-2 or
 * Llama family ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}), with what the platform
 * records about it.
 */
public final class BaseModel implements AutoCloseable {

    public static final String UNKNOWN_LICENCE = "unknown";
    private static final List<String> LICENCE_FILES = List.of("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE");

    private final LanguageModel model;
    private final BaseModelInfo info;

    private BaseModel(LanguageModel model, BaseModelInfo info) {
        this.model = model;
        this.info = info;
    }

    /** Loads a folder, taking its licence from the folder ({@code unknown} when it names none). */
    public static BaseModel load(Path directory) throws IOException {
        return load(directory, null);
    }

    /**
     * Loads a folder; {@code licence}, when not blank, is what the caller states (it wins over what the folder says).
     *
     * @throws ModelImportException naming the missing file, unknown architecture, tensor of the wrong shape or
     *     tokenizer that does not fit
     */
    public static BaseModel load(Path directory, String licence) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelImportException("Model directory not found: " + directory);
        }
        for (String file :
                List.of(LanguageModel.CONFIG_FILE, LanguageModel.WEIGHTS_FILE, LanguageModel.TOKENIZER_FILE)) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new ModelImportException("The model folder " + directory + " lacks " + file);
            }
        }
        String sha256 = sha256(directory.resolve(LanguageModel.WEIGHTS_FILE));
        LanguageModel model = LanguageModel.load(directory);
        ModelConfig config = model.config();
        String stated = licence == null || licence.isBlank() ? licenceOf(directory) : licence.strip();
        return new BaseModel(
                model,
                new BaseModelInfo(
                        model.architecture(),
                        stated,
                        sha256,
                        model.parameterCount(),
                        config.contextLength(),
                        config.vocabularySize()));
    }

    public LanguageModel model() {
        return model;
    }

    public BaseModelInfo info() {
        return info;
    }

    /** The licence a folder names: a LICENSE file, else README front matter or config.json, else unknown. */
    static String licenceOf(Path directory) throws IOException {
        for (String name : LICENCE_FILES) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return identify(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        Path readme = directory.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
                for (int i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("license:")) {
                        String value = line.substring("license:".length()).strip();
                        if (!value.isEmpty()) {
                            return value.replace("\"", "").replace("'", "");
                        }
                    }
                }
            }
        }
        try {
            JsonObject config = JsonParser.parseString(
                            Files.readString(directory.resolve(LanguageModel.CONFIG_FILE), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (config.has("license") && config.get("license").isJsonPrimitive()) {
                return config.get("license").getAsString();
            }
        } catch (RuntimeException e) {
            // Already read by the loader; a malformed file was refused there.
        }
        return UNKNOWN_LICENCE;
    }

    private static String identify(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("apache license") && lower.contains("version 2.0")) {
            return "Apache-2.0";
        }
        if (lower.contains("mit license") || lower.contains("permission is hereby granted, free of charge")) {
            return "MIT";
        }
        if (lower.contains("llama 2 community license")) {
            return "Llama 2 Community License";
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String first = line.strip();
                return first.length() > 100 ? first.substring(0, 100) : first;
            }
        }
        return UNKNOWN_LICENCE;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
