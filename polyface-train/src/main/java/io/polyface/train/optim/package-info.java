/**
 * The optimiser the harness needs: SGD with momentum whose buffers can be checkpointed
 * ({@link io.polyface.train.optim.Sgd}), parameter groups without decay on biases, batch-norm and
 * PReLU parameters and with separate backbone/head learning rates
 * ({@link io.polyface.train.optim.ParameterGroups}), and global-norm gradient clipping
 * ({@link io.polyface.train.optim.GradientClipping}).
 */
package io.polyface.train.optim;
