package io.tributary.training.train;

/** An instruction and the response a fine-tuned model should give. */
public record InstructionPair(String instruction, String response) {

    public InstructionPair {
        if (instruction == null || instruction.isBlank()) {
            throw new IllegalArgumentException("instruction must not be blank");
        }
        if (response == null || response.isBlank()) {
            throw new IllegalArgumentException("response must not be blank");
        }
    }

    /** The prompt the model sees before the response, at training and at inference time. */
    public static String prompt(String instruction) {
        return "### Instruction:\n" + instruction.strip() + "\n\n### Response:\n";
    }
}
