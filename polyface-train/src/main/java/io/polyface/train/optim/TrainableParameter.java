package io.polyface.train.optim;

import ai.djl.nn.Parameter;

/**
 * A trainable DJL parameter with its stable name (used in checkpoints) and its group.
 *
 * @param name unique, stable name, e.g. {@code conv1.conv.weight} or {@code head.centres}
 * @param parameter the DJL parameter (its array is updated in place)
 * @param group its optimiser settings
 */
public record TrainableParameter(String name, Parameter parameter, ParameterGroup group) {}
