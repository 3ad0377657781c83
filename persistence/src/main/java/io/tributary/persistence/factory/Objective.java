package io.tributary.persistence.factory;

/** What a run teaches the model: to answer instructions, or more of a domain's text. */
public enum Objective {
    /** Instruction fine-tuning on instruction/response or question/answer records; loss on the answer only. */
    INSTRUCTION,
    /** Continued pretraining on documents: every token counts. */
    CONTINUED_PRETRAINING
}
