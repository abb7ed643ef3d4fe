/**
 * Stopping long loops cleanly: a {@link io.polyface.train.stop.StopRequest} that training loops poll at
 * their step boundaries, and {@link io.polyface.train.stop.SignalStop}, which turns SIGINT (Ctrl-C) and
 * SIGTERM into such a request instead of the JVM's immediate shutdown (which races native libtorch code
 * still running in the training thread). Used by {@code polyface train} and {@code polyface demo}; any
 * later long command (distillation, ...) plugs into the same two classes.
 */
package io.polyface.train.stop;
