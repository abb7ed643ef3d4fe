/**
 * Learning-rate schedules as pure functions of the step: constant, step, cosine and polynomial decay,
 * optionally behind a linear warm-up ({@link io.polyface.train.schedule.Schedules#create}).
 */
package io.polyface.train.schedule;
