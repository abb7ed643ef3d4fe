package io.polyface.train.checkpoint;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.util.Checks;
import io.polyface.train.data.LabelMap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint records besides the arrays — how the model was made (Tribuo-style provenance) and
 * where the run stood — stored as {@code metadata.json} ({@link CheckpointMetadataJson}).
 *
 * @param step the steps completed (the schedule position: training resumes at this step)
 * @param epoch the epoch of the next step
 * @param seed the run's seed
 * @param spec the architecture spec (embedded as its JSON)
 * @param loss the margin loss's name ({@code io.polyface.losses.margin.MarginLosses})
 * @param lossOptions the loss's options as given
 * @param lossState running state of stateful losses (e.g. CurricularFace's {@code t}); empty otherwise
 * @param regularFaceWeight RegularFace's λ, 0 when off
 * @param partialFcSampleRate Partial FC's fraction of negatives, 1 for the full softmax
 * @param labels the training set's label map (class index → identity label)
 * @param input the resize rule and pixel normalisation of the model input
 * @param optimizer optimiser settings (momentum, weight decay, groups, base learning rate, clipping)
 * @param schedule the learning-rate schedule ({@code LearningRateSchedule.describe()})
 * @param run the run's settings: batch size, total steps, data, augmentation, devices, memory plan
 * @param provenance versions (PolyFace, Java, DJL, engine), creation time, FLOPs and parameter counts
 * @param metrics the latest training (and evaluation) figures at this step
 */
public record CheckpointMetadata(long step, long epoch, long seed, ArchSpec spec, String loss, Map<String, String> lossOptions,
                                 Map<String, Double> lossState, double regularFaceWeight, double partialFcSampleRate,
                                 LabelMap labels, Map<String, Object> input, Map<String, Object> optimizer,
                                 Map<String, Object> schedule, Map<String, Object> run, Map<String, Object> provenance,
                                 Map<String, Object> metrics) {

    /** The metadata format version written by this code. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the maps; checks the step and the required fields. */
    public CheckpointMetadata {
        Checks.requireAtLeast("checkpoint step", step, 0);
        if (spec == null || loss == null || labels == null) {
            throw new IllegalArgumentException("checkpoint metadata needs the spec, the loss and the label map");
        }
        lossOptions = copy(lossOptions);
        lossState = copy(lossState);
        input = copy(input);
        optimizer = copy(optimizer);
        schedule = copy(schedule);
        run = copy(run);
        provenance = copy(provenance);
        metrics = copy(metrics);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
