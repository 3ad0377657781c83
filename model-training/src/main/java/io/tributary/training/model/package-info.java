/**
 * Language models of the GPT-2 and Llama families: the {@link io.tributary.training.model.BaseModel} facade that loads a
 * shipped or imported base, configuration, Hugging Face loading and saving, forward passes.
 */
package io.tributary.training.model;
