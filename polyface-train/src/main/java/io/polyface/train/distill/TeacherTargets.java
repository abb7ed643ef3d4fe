package io.polyface.train.distill;

import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.BilinearResize;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.RgbImage;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The teacher's embeddings of a batch's samples. Without a cache they are computed on exactly the crop the student
 * sees: the batch's augmented pixels are read back through the student's normalisation ({@link NchwTensors#read}),
 * resized to the teacher's input by bilinear resize when the sizes differ, and normalised by the teacher's own
 * preprocessing. With a {@link TeacherCache} they are the teacher's embeddings of the un-augmented images (decoded,
 * resized to the teacher's input), computed once per image content and teacher.
 */
public final class TeacherTargets {

    private final OnnxTeacher teacher;
    private final ModelInput studentInput;
    private final FaceDataset dataset;
    private final TeacherCache cache;

    /**
     * @param teacher the teacher
     * @param studentInput the student's input (its normalisation undoes the batch's)
     * @param dataset the training set the batches index (read only with a cache)
     * @param cache the cache of un-augmented embeddings, or null to embed the student's augmented crops
     */
    public TeacherTargets(OnnxTeacher teacher, ModelInput studentInput, FaceDataset dataset, TeacherCache cache) {
        this.teacher = teacher;
        this.studentInput = studentInput;
        this.dataset = dataset;
        this.cache = cache;
    }

    /** @return the teacher's embedding size {@code D} */
    public int embeddingSize() {
        return teacher.embeddingSize();
    }

    /**
     * @param batch the step's batch
     * @param from first row
     * @param to one past the last row
     * @return L2-normalised teacher embeddings, row-major {@code [(to − from)·D]}
     * @throws IllegalArgumentException naming {@code --teacher} if it returns a NaN or zero embedding
     * @throws UncheckedIOException if an image cannot be read (cache mode)
     */
    public float[] targets(HostBatch batch, int from, int to) {
        int d = teacher.embeddingSize();
        float[] out = new float[(to - from) * d];
        if (cache != null) {
            for (int i = from; i < to; i++) {
                int index = batch.indices()[i];
                byte[] bytes;
                try {
                    bytes = dataset.read(index);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String where = dataset.locate(index);
                float[] v = cache.get(bytes, () -> teacher.embed(List.of(toTeacherSize(decode(bytes, where))))[0]);
                System.arraycopy(v, 0, out, (i - from) * d, d);
            }
            return out;
        }
        int w = studentInput.width();
        int h = studentInput.height();
        int per = studentInput.sampleFloats();
        List<RgbImage> crops = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            crops.add(toTeacherSize(NchwTensors.read(batch.pixels(), i * per, w, h, studentInput.normalization())));
        }
        float[][] e = teacher.embed(crops);
        for (int i = 0; i < e.length; i++) {
            System.arraycopy(e[i], 0, out, i * d, d);
        }
        return out;
    }

    private static RgbImage decode(byte[] bytes, String where) {
        try {
            return ImageDecoder.decode(bytes, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RgbImage toTeacherSize(RgbImage image) {
        Preprocessing p = teacher.preprocessing();
        return image.width() == p.inputWidth() && image.height() == p.inputHeight() ? image
                : BilinearResize.resize(image, p.inputWidth(), p.inputHeight());
    }
}
