/**
 * Seeded, composable training augmentations built on core's image utilities
 * ({@code io.polyface.core.image} and its degradations): {@link io.polyface.train.augment.HorizontalFlip},
 * {@link io.polyface.train.augment.RandomResizedCrop}, {@link io.polyface.train.augment.RandomShift},
 * {@link io.polyface.train.augment.ColourJitter}, {@link io.polyface.train.augment.RandomGreyscale},
 * {@link io.polyface.train.augment.RandomGaussianBlur}, {@link io.polyface.train.augment.RandomDownUpResize},
 * {@link io.polyface.train.augment.RandomErasing}, {@link io.polyface.train.augment.RandomJpeg},
 * {@link io.polyface.train.augment.RandomGaussianNoise}, composed by
 * {@link io.polyface.train.augment.AugmentationPipeline}.
 */
package io.polyface.train.augment;
