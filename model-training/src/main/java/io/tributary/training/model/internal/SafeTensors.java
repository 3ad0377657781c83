package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes the safetensors format with the {@code "format": "pt"} metadata that transformers requires. */
public final class SafeTensors {

    private SafeTensors() {}

    /** Reads every tensor of a file; half-precision tensors are widened to float32. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IOException("Not a safetensors file (too short): " + file);
            }
            ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(lengthBuffer, 0);
            long headerLength = lengthBuffer.flip().getLong();
            if (headerLength <= 0 || headerLength > size - 8 || headerLength > 100_000_000) {
                throw new IOException("Not a safetensors file (bad header length): " + file);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.read(header, 8);
            JsonObject json;
            try {
                json = JsonParser.parseString(new String(header.array(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
            } catch (RuntimeException e) {
                throw new IOException("Not a safetensors file (bad header): " + file, e);
            }
            long dataStart = 8 + headerLength;
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
                if (entry.getKey().equals("__metadata__")) {
                    continue;
                }
                String name = entry.getKey();
                String dtype;
                long[] dims;
                long begin;
                long end;
                try {
                    JsonObject info = entry.getValue().getAsJsonObject();
                    dtype = info.get("dtype").getAsString();
                    JsonArray shapeJson = info.getAsJsonArray("shape");
                    dims = new long[shapeJson.size()];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = shapeJson.get(i).getAsLong();
                    }
                    JsonArray offsets = info.getAsJsonArray("data_offsets");
                    begin = offsets.get(0).getAsLong();
                    end = offsets.get(1).getAsLong();
                } catch (RuntimeException e) {
                    throw new IOException("Malformed safetensors header in " + file + " for tensor " + name, e);
                }
                // An imported file is untrusted: the engine must never read outside the file or past a tensor's
                // bytes, so offsets, shape and byte length are checked against each other before any copy.
                long elements = 1;
                for (long d : dims) {
                    if (d < 0 || (d > 0 && elements > Long.MAX_VALUE / d)) {
                        throw new IOException(
                                "Tensor " + name + " in " + file + " has an invalid shape " + Arrays.toString(dims));
                    }
                    elements *= d;
                }
                int width = bytesPer(dtype);
                if (width == 0) {
                    throw new IOException("Unsupported safetensors dtype " + dtype + " for tensor " + name);
                }
                if (begin < 0 || end < begin || end > size - dataStart) {
                    throw new IOException("Tensor " + name + " in " + file + " has data_offsets [" + begin + ", " + end
                            + "] outside the file's " + (size - dataStart) + " data bytes");
                }
                if (elements > Long.MAX_VALUE / width || end - begin != elements * width) {
                    throw new IOException("Tensor " + name + " in " + file + " has " + (end - begin)
                            + " bytes but its shape " + Arrays.toString(dims) + " of " + dtype + " needs "
                            + elements * width);
                }
                if (end - begin > Integer.MAX_VALUE) {
                    throw new IOException("Tensor " + name + " in " + file + " is larger than 2 GiB");
                }
                ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin)
                        .order(ByteOrder.LITTLE_ENDIAN);
                NDArray array = toArray(manager, dtype, data, new Shape(dims), entry.getKey());
                array.setName(entry.getKey());
                tensors.put(entry.getKey(), array);
            }
            return tensors;
        }
    }

    private static int bytesPer(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    private static NDArray toArray(NDManager manager, String dtype, ByteBuffer data, Shape shape, String name)
            throws IOException {
        switch (dtype) {
            case "F32":
                return manager.create(copy(data), shape, DataType.FLOAT32);
            case "F16":
                try (NDArray half = manager.create(copy(data), shape, DataType.FLOAT16)) {
                    return half.toType(DataType.FLOAT32, true);
                }
            case "BF16": {
                // Widening bfloat16 is a 16-bit shift; doing it here avoids depending on engine support.
                int count = data.remaining() / 2;
                ByteBuffer widened = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    widened.putInt((data.getShort() & 0xFFFF) << 16);
                }
                widened.flip();
                return manager.create(widened, shape, DataType.FLOAT32);
            }
            case "F64":
                try (NDArray wide = manager.create(copy(data), shape, DataType.FLOAT64)) {
                    return wide.toType(DataType.FLOAT32, true);
                }
            case "I64":
                return manager.create(copy(data), shape, DataType.INT64);
            case "I32":
                return manager.create(copy(data), shape, DataType.INT32);
            case "U8":
            case "BOOL":
                return manager.create(copy(data), shape, DataType.UINT8);
            default:
                throw new IOException("Unsupported safetensors dtype " + dtype + " for tensor " + name);
        }
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer direct = ByteBuffer.allocateDirect(source.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(source.duplicate());
        return direct.flip();
    }

    /** Writes tensors sorted by name, as Hugging Face tools do, so equal weights give equal files. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        header.add("__metadata__", metadata);
        long offset = 0;
        Map<String, byte[]> payloads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : sorted.entrySet()) {
            NDArray array = entry.getValue();
            String dtype;
            byte[] bytes;
            if (array.getDataType() == DataType.INT64) {
                dtype = "I64";
                bytes = littleEndian(array);
            } else {
                dtype = "F32";
                try (NDArray f32 = array.toType(DataType.FLOAT32, true)) {
                    bytes = littleEndian(f32);
                }
            }
            JsonObject info = new JsonObject();
            info.addProperty("dtype", dtype);
            JsonArray shape = new JsonArray();
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes.length);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
            payloads.put(entry.getKey(), bytes);
            offset += bytes.length;
        }
        byte[] headerBytes = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        // The format wants the data section 8-byte aligned; pad the header with spaces.
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] headerPadded = new byte[padded];
        java.util.Arrays.fill(headerPadded, (byte) ' ');
        System.arraycopy(headerBytes, 0, headerPadded, 0, headerBytes.length);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer length =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerPadded);
            for (byte[] payload : payloads.values()) {
                out.write(payload);
            }
        }
    }

    private static byte[] littleEndian(NDArray array) {
        ByteBuffer buffer = array.toByteBuffer().order(ByteOrder.nativeOrder());
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
            throw new IllegalStateException("Big-endian hosts are not supported");
        }
        return bytes;
    }
}
