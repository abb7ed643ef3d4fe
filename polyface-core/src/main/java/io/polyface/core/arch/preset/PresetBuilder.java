package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.util.SelfTypedBuilder;

/**
 * The settings every preset builder ({@link IResNet}, {@link MobileFaceNet}, {@link PolyFace}) shares: the spec's
 * name, the aligned input image size, the width multiplier and the embedding size. Each preset's {@code builder()}
 * documents its defaults and {@code build()} checks the values against its rules.
 *
 * @param <B> the concrete builder
 */
public abstract class PresetBuilder<B extends PresetBuilder<B>> extends SelfTypedBuilder<B> {

    String name;
    int input = 112;
    double width = 1.0;
    int embedding;

    PresetBuilder(Class<B> selfType, String name, int embedding) {
        super(selfType);
        this.name = name;
        this.embedding = embedding;
    }

    /**
     * @param name the spec's name (default: the preset's)
     * @return this
     */
    public B optName(String name) {
        this.name = name;
        return self();
    }

    /**
     * @param input the aligned image size in pixels (default 112); a multiple of 16 for IResNet and MobileFaceNet,
     *     while PolyFace crops rows/cols 1..input−1
     * @return this
     */
    public B optInput(int input) {
        this.input = input;
        return self();
    }

    /**
     * @param width width multiplier (rounding rule of {@link Widths}; default 1)
     * @return this
     */
    public B optWidth(double width) {
        this.width = width;
        return self();
    }

    /**
     * @param embedding embedding size (default: the preset's)
     * @return this
     */
    public B optEmbedding(int embedding) {
        this.embedding = embedding;
        return self();
    }

    /**
     * @return the spec
     * @throws IllegalArgumentException on a bad setting, naming it
     */
    public abstract ArchSpec build();
}
