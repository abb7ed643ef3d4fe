package io.polyface.cli;

import picocli.CommandLine.Option;

/**
 * The step options of the sub-commands that train from a recipe ({@code polyface train}, {@code demo}): {@code --batch B}
 * (images per step over all devices) and {@code --lr LR} (base learning rate); a picocli {@code @Mixin}, so names,
 * labels and help texts are defined once. Neither restates a default in its annotation: the command's default-value
 * provider supplies the recipe's ({@link TrainDefaults}, {@link DemoDefaults}).
 */
final class StepOptions {

    @Option(names = "--batch", paramLabel = "B", description = "Images per step over all devices (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Base learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
}
