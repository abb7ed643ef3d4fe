package io.polyface.train.distill;

import ai.djl.ndarray.NDManager;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A student that is the teacher's own architecture at a smaller input size, initialised from the teacher's weights
 * ({@link io.polyface.train.finetune.InputSizeTransfer}). A network's FLOPs fall with the square of the input while
 * its weights, except the global depthwise kernel (resampled), do not depend on it: {@code mobilefacenet-y1}, as which
 * {@code fr_feature.onnx} imports, costs 0.44 GFLOPs (LFR rule) at 112 pixels and 0.144 at 64.
 *
 * @param student the student: the teacher's preset at {@link #input()} pixels, the teacher's embedding size
 * @param teacherShape the same preset at the teacher's input (what the teacher's file imports as)
 * @param flops the student's FLOPs (LFR rule)
 */
public record TeacherShapedStudent(ArchSpec student, ArchSpec teacherShape, long flops) {

    /** Presets a teacher is tried as, in order (the import by structure decides). */
    public static final List<String> PRESETS = List.of("mobilefacenet-y1");

    /** Inputs are multiples of this (stride-16 networks). */
    public static final int INPUT_STEP = 16;

    /** @return the student's input size in pixels */
    public int input() {
        return (int) student.input().dims()[1];
    }

    /**
     * The preset the teacher's file imports as (core's {@link OnnxImporter}, by structure), at the teacher's input and
     * embedding size.
     *
     * @param onnx the teacher
     * @param input its input size in pixels
     * @param embedding its embedding size
     * @return that spec, or empty if it imports as none of {@link #PRESETS}
     * @throws IOException if the file cannot be read
     */
    public static Optional<ArchSpec> teacherArchitecture(Path onnx, int input, int embedding) throws IOException {
        var model = OnnxImporter.read(onnx);
        for (String preset : PRESETS) {
            ArchSpec spec;
            try {
                spec = spec(preset, input, embedding);
            } catch (IllegalArgumentException e) {
                continue;
            }
            try (NDManager scratch = NDManager.newBaseManager()) {
                OnnxImporter.load(model, SpecNetwork.builder().setSpec(spec).build().initialize(scratch));
                return Optional.of(spec);
            } catch (IllegalArgumentException e) {
                // not this preset
            }
        }
        return Optional.empty();
    }

    /**
     * The teacher's architecture at the largest input (a multiple of {@value #INPUT_STEP}, below the teacher's) whose
     * FLOPs (LFR rule) are within the budget.
     *
     * @param onnx the teacher
     * @param input the teacher's input size in pixels
     * @param embedding the teacher's embedding size
     * @param budgetFlops the budget in FLOPs (LFR rule)
     * @return the student, or empty if the teacher is no known preset or no smaller input meets the budget
     * @throws IOException if the file cannot be read
     */
    public static Optional<TeacherShapedStudent> forBudget(Path onnx, int input, int embedding, long budgetFlops) throws IOException {
        Optional<ArchSpec> teacher = teacherArchitecture(onnx, input, embedding);
        if (teacher.isEmpty()) {
            return Optional.empty();
        }
        String preset = teacher.get().name();
        for (int s = (input - 1) / INPUT_STEP * INPUT_STEP; s >= INPUT_STEP; s -= INPUT_STEP) {
            ArchSpec student;
            try {
                student = spec(preset, s, embedding);
            } catch (IllegalArgumentException e) {
                break; // the preset takes no smaller input
            }
            long flops = FlopsCounter.count(student).flops(Convention.LFR);
            if (flops <= budgetFlops) {
                return Optional.of(new TeacherShapedStudent(student, teacher.get(), flops));
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #forBudget(Path, int, int, long)} for an opened teacher (its file, input height and embedding size): the
     * {@code --student-init auto} choice of {@code distill --budget} and {@code demo --teacher}.
     *
     * @param teacher the teacher
     * @param budgetFlops the budget in FLOPs (LFR rule)
     * @return the student, or empty if the teacher is no known preset or no smaller input meets the budget
     * @throws IOException if the teacher's file cannot be read
     */
    public static Optional<TeacherShapedStudent> forBudget(OnnxTeacher teacher, long budgetFlops) throws IOException {
        return forBudget(teacher.modelPath(), teacher.preprocessing().inputHeight(), teacher.embeddingSize(), budgetFlops);
    }

    /**
     * A given student initialised from the teacher: the teacher must import as a known preset and the student must be
     * that preset (any input size, the teacher's embedding size).
     *
     * @param student the student
     * @param onnx the teacher
     * @param input the teacher's input size in pixels
     * @param embedding the teacher's embedding size
     * @return the pairing
     * @throws IllegalArgumentException naming the student and the teacher if the student is not the teacher's architecture
     * @throws IOException if the file cannot be read
     */
    public static TeacherShapedStudent of(ArchSpec student, Path onnx, int input, int embedding) throws IOException {
        ArchSpec teacher = teacherArchitecture(onnx, input, embedding).orElseThrow(() -> new IllegalArgumentException(
                "--student-init teacher: " + onnx + " imports as none of " + PRESETS + " (at " + input + " pixels, " + embedding + "-d)"));
        if (!teacher.name().equals(student.name()) || student.embeddingSize() != embedding) {
            throw new IllegalArgumentException("--student-init teacher: the student " + student.name() + " (" + student.embeddingSize()
                    + "-d) is not the teacher's architecture " + teacher.name() + " (" + embedding + "-d)");
        }
        return new TeacherShapedStudent(student, teacher, FlopsCounter.count(student).flops(Convention.LFR));
    }

    private static ArchSpec spec(String preset, int input, int embedding) {
        return Presets.get(preset, new ArchOverrides(input, null, null, null, embedding, null, null, null));
    }
}
