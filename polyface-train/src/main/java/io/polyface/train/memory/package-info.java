/**
 * Memory of the classification head: an estimate of the class centres, their gradient, momentum and
 * the {@code B × C} logits ({@link io.polyface.train.memory.ClassifierMemory}), and a planner that
 * refuses or switches to Partial FC before allocating beyond a budget
 * ({@link io.polyface.train.memory.MemoryPlanner}).
 */
package io.polyface.train.memory;
