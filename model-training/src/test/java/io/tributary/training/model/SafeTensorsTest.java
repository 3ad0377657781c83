package io.tributary.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tributary.training.model.internal.SafeTensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    /** Writes a safetensors file by hand, as another tool would, with half-precision tensors. */
    private static void writeHalfPrecision(Path file) throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + h.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(h.length).put(h);
        // IEEE half: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800
        buffer.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3800);
        // bfloat16 is the top half of a float32: 3.0f = 0x40400000, -0.25f = 0xBE800000
        buffer.putShort((short) 0x4040).putShort((short) 0xBE80);
        Files.write(file, buffer.array());
    }

    /** A file of 16 data bytes whose one tensor is described by {@code tensor} (dtype, shape, offsets). */
    private static Path craft(Path dir, String tensor) throws IOException {
        byte[] h = ("{\"w\":" + tensor + "}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(h.length).put(h);
        Path file = dir.resolve("crafted.safetensors");
        Files.write(file, buffer.array());
        return file;
    }

    /**
     * An imported checkpoint is untrusted. A header whose offsets point past the file, or whose shape claims more
     * elements than its bytes hold, would make the engine read memory outside the tensor (PyTorch trusts the shape);
     * each is refused with a message naming the tensor before anything is copied.
     */
    @Test
    void craftedHeadersThatWouldReadOutOfBoundsAreRefused(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path pastTheEnd = craft(dir, "{\"dtype\":\"F32\",\"shape\":[1024],\"data_offsets\":[0,4096]}");
            assertThatThrownBy(() -> SafeTensors.read(pastTheEnd, manager))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Tensor w")
                    .hasMessageContaining("outside the file's 16 data bytes");
            Path shapeTooLarge = craft(dir, "{\"dtype\":\"F32\",\"shape\":[1000,1000],\"data_offsets\":[0,16]}");
            assertThatThrownBy(() -> SafeTensors.read(shapeTooLarge, manager))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Tensor w")
                    .hasMessageContaining("has 16 bytes but its shape [1000, 1000] of F32 needs 4000000");
            Path negative = craft(dir, "{\"dtype\":\"F32\",\"shape\":[-4],\"data_offsets\":[0,16]}");
            assertThatThrownBy(() -> SafeTensors.read(negative, manager)).hasMessageContaining("invalid shape");
            Path backwards = craft(dir, "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}");
            assertThatThrownBy(() -> SafeTensors.read(backwards, manager)).hasMessageContaining("data_offsets");
            Path noShape = craft(dir, "{\"dtype\":\"F32\",\"data_offsets\":[0,16]}");
            assertThatThrownBy(() -> SafeTensors.read(noShape, manager))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Malformed safetensors header");
            Path fine = craft(dir, "{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}");
            assertThat(SafeTensors.read(fine, manager).get("w").toFloatArray()).containsExactly(0f, 0f, 0f, 0f);
        }
    }

    @Test
    void readsHalfPrecisionTensorsAsFloat32(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("half.safetensors");
        writeHalfPrecision(file);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = SafeTensors.read(file, manager);
            assertThat(tensors.get("half").toFloatArray()).containsExactly(1f, -2f, 0.5f);
            assertThat(tensors.get("brain").toFloatArray()).containsExactly(3f, -0.25f);
        }
    }

    @Test
    void writtenFilesReadBackExactly(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(3, 5));
            NDArray b = manager.create(new long[] {7, -1, 1L << 40});
            Path file = dir.resolve("t.safetensors");
            SafeTensors.write(file, Map.of("z.a", a, "b", b));
            byte[] bytes = Files.readAllBytes(file);
            long headerLength =
                    ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLength % 8).as("data section is 8-byte aligned").isZero();
            Map<String, NDArray> back = SafeTensors.read(file, manager);
            assertThat(back.get("z.a").toFloatArray()).containsExactly(a.toFloatArray());
            assertThat(back.get("b").toLongArray()).containsExactly(7, -1, 1L << 40);
        }
    }

    @Test
    void rejectsFilesThatAreNotSafetensors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("junk.safetensors");
        Files.writeString(file, "this is not a tensor file at all");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> SafeTensors.read(file, manager)).hasMessageContaining("Not a safetensors file");
        }
    }
}
