/**
 * Stopping long loops cleanly: a {@link io.polyface.train.stop.StopRequest} that training loops poll at
 * their step boundaries, and {@link io.polyface.train.stop.SignalStop}, which turns SIGINT (Ctrl-C) and
 * SIGTERM into such a request instead of the JVM's immediate shutdown (which races native libtorch code
 * still running in the training thread). Used by {@code polyface train}, {@code polyface demo} and the
 * trained proxy of {@code polyface search}; any later long command (distillation, ...) plugs into the same
 * classes ({@link io.polyface.train.stop.StoppedException} ends a job of several stages).
 */
package io.polyface.train.stop;
