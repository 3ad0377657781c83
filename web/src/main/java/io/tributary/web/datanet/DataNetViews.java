package io.tributary.web.datanet;

import io.tributary.application.datanet.UploadReport;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How the API shows what became of an upload (DataNets and contributions are the services' own view records). */
public final class DataNetViews {

    private DataNetViews() {}

    /** What became of an upload. */
    public record UploadView(
            UUID uploadId,
            String fileName,
            String sha256,
            long sizeBytes,
            Map<String, Integer> records,
            int badLineCount,
            List<String> badLines,
            boolean keptValidLines) {
        public static UploadView of(UploadReport r) {
            return new UploadView(
                    r.upload().id(),
                    r.upload().fileName(),
                    r.upload().sha256(),
                    r.upload().sizeBytes(),
                    r.records().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    e -> e.getKey().name(), Map.Entry::getValue)),
                    r.badLineCount(),
                    r.badLines().stream().map(Object::toString).toList(),
                    r.keptValidLines());
        }
    }
}
