package io.tributary.application.datanet;

import io.tributary.application.datanet.checks.LineError;
import io.tributary.persistence.datanet.ContributionStatus;
import java.util.List;
import java.util.Map;

/**
 * What became of an upload: how many records went to review or were blocked by the checks, and which lines were
 * malformed (the first hundred of them).
 *
 * @param keptValidLines true when the file had bad lines and the DataNet's policy kept the valid ones
 */
public record UploadReport(
        UploadView upload,
        Map<ContributionStatus, Integer> records,
        int badLineCount,
        List<LineError> badLines,
        boolean keptValidLines) {}
