package io.polyface.core.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.polyface.core.align.Landmarks;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.Normalization;
import io.polyface.core.image.RgbImage;
import io.polyface.core.ort.OrtModelBuilder;
import io.polyface.core.ort.OrtSessions;
import io.polyface.core.ort.SharedSession;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Face detector on the YuNet ONNX model (Wu et al., "YuNet: A Tiny Millisecond-level Face Detector",
 * Machine Intelligence Research 2023; OpenCV Zoo's {@code face_detection_yunet_2023mar}) run by ONNX Runtime.
 *
 * <p><b>Input.</b> The photo, scaled up (bilinear) if its longer side is below {@link Builder#optMinInputSide}
 * or down if it exceeds {@link Builder#optMaxInputSide} (by repeated exact halving, then bilinear), is padded with black at the right and bottom to the next
 * multiples of 32 and fed as {@code float [1, 3, H, W]}, BGR, values 0..255 (no normalisation).
 *
 * <p><b>Decoding</b> (../shared/README.md, "models"): for each stride {@code s ∈ {8, 16, 32}} the outputs
 * {@code cls_s}, {@code obj_s} ({@code [1, A, 1]}), {@code bbox_s} ({@code [1, A, 4]}) and {@code kps_s}
 * ({@code [1, A, 10]}) hold one anchor per cell of the {@code (H/s) × (W/s)} grid, anchor {@code i} at row
 * {@code i / (W/s)}, column {@code i % (W/s)}. Score {@code = √(clamp(cls)·clamp(obj))} with clamping to
 * [0, 1]; box centre {@code = (col + b0, row + b1)·s}, size {@code = (exp b2, exp b3)·s}; landmark
 * {@code k = (kps[2k] + col, kps[2k+1] + row)·s}. Anchors scoring at least the score threshold are kept,
 * the best {@code topK} of them go through greedy non-maximum suppression (a box is dropped when its IoU
 * with a better kept box exceeds the NMS threshold), as OpenCV's {@code FaceDetectorYN} does (which
 * rounds boxes to integers for NMS; here they stay real). Boxes are not clipped to the image.
 *
 * <p>Thread-safe: concurrent callers share one {@link OrtSession}. {@link #close()} waits for running
 * calls and releases the native session; later calls throw {@link IllegalStateException}.
 */
public final class YuNetDetector implements AutoCloseable {

    private static final int[] STRIDES = {8, 16, 32};
    private static final Normalization BGR_0_255 = Normalization.of(ChannelOrder.BGR, 0f, 1f);

    private final Path modelPath;
    private final OrtSession session;
    private final String inputName;
    private final float scoreThreshold;
    private final float nmsThreshold;
    private final int topK;
    private final int maxInputSide;
    private final int minInputSide;
    private final SharedSession shared;

    private YuNetDetector(Builder b, Path modelPath, OrtSession session, String inputName) {
        this.modelPath = modelPath;
        this.session = session;
        this.shared = new SharedSession(session, modelPath, "YuNet detector");
        this.inputName = inputName;
        this.scoreThreshold = b.scoreThreshold;
        this.nmsThreshold = b.nmsThreshold;
        this.topK = b.topK;
        this.maxInputSide = b.maxInputSide;
        this.minInputSide = b.minInputSide;
    }

    /** @return a builder; {@link Builder#setModelPath} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Detects faces.
     *
     * @param image the photo
     * @return the faces after NMS, best score first, in the photo's pixel coordinates (empty if none)
     * @throws IllegalStateException if the detector is closed or ONNX Runtime fails (naming the model)
     */
    public List<DetectedFace> detect(RgbImage image) {
        RgbImage input = image;
        int longer = Math.max(image.width(), image.height());
        if (maxInputSide > 0 && longer > maxInputSide) {
            input = shrink(image, maxInputSide);
        } else if (longer < minInputSide) {
            double f = (double) minInputSide / longer;
            input = image.resize((int) Math.max(1, Math.round(image.width() * f)), (int) Math.max(1, Math.round(image.height() * f)));
        }
        double scaleX = (double) image.width() / input.width();
        double scaleY = (double) image.height() / input.height();
        int paddedW = (input.width() + 31) / 32 * 32;
        int paddedH = (input.height() + 31) / 32 * 32;
        float[] tensor = new float[3 * paddedW * paddedH];
        writePadded(input, paddedW, paddedH, tensor);

        List<DetectedFace> candidates = new ArrayList<>();
        shared.call(() -> {
            OrtEnvironment env = OrtSessions.environment();
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), new long[] {1, 3, paddedH, paddedW});
                 OrtSession.Result out = session.run(Map.of(inputName, in))) {
                for (int s : STRIDES) {
                    decodeStride(out, s, paddedW, paddedH, scaleX, scaleY, candidates);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed running YuNet " + modelPath + " on a "
                        + paddedW + "x" + paddedH + " input: " + e.getMessage(), e);
            }
            return candidates;
        });
        return nonMaximumSuppression(candidates, nmsThreshold, topK);
    }

    private void decodeStride(OrtSession.Result out, int s, int paddedW, int paddedH, double scaleX, double scaleY,
                              List<DetectedFace> candidates) throws OrtException {
        int cols = paddedW / s;
        int anchors = cols * (paddedH / s);
        float[] cls = output(out, "cls_" + s, anchors);
        float[] obj = output(out, "obj_" + s, anchors);
        float[] box = output(out, "bbox_" + s, anchors * 4);
        float[] kps = output(out, "kps_" + s, anchors * 10);
        for (int i = 0; i < anchors; i++) {
            double score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
            if (!(score >= scoreThreshold)) {
                continue;
            }
            int row = i / cols;
            int col = i % cols;
            double cx = (col + box[4 * i]) * s;
            double cy = (row + box[4 * i + 1]) * s;
            double w = Math.exp(box[4 * i + 2]) * s;
            double h = Math.exp(box[4 * i + 3]) * s;
            double[] lm = new double[10];
            for (int k = 0; k < 5; k++) {
                lm[2 * k] = toPhoto((kps[10 * i + 2 * k] + col) * s, scaleX);
                lm[2 * k + 1] = toPhoto((kps[10 * i + 2 * k + 1] + row) * s, scaleY);
            }
            candidates.add(new DetectedFace(toPhoto(cx - w / 2, scaleX), toPhoto(cy - h / 2, scaleY), w * scaleX, h * scaleY,
                    score, Landmarks.of(lm)));
        }
    }

    private float[] output(OrtSession.Result out, String name, int expected) throws OrtException {
        OnnxValue v = out.get(name).orElseThrow(() -> new IllegalStateException(
                "YuNet model " + modelPath + " produced no output '" + name + "'"));
        FloatBuffer buffer = ((OnnxTensor) v).getFloatBuffer();
        if (buffer.remaining() != expected) {
            throw new IllegalStateException("YuNet model " + modelPath + ": output '" + name + "' has "
                    + buffer.remaining() + " values, expected " + expected + " for this input size");
        }
        float[] values = new float[expected];
        buffer.get(values);
        return values;
    }

    /** Maps a coordinate of the scaled-down input back to the photo (pixel centres aligned, as the resize). */
    private static double toPhoto(double v, double scale) {
        return scale == 1 ? v : (v + 0.5) * scale - 0.5;
    }

    private static double clamp01(float v) {
        return Math.min(1.0, Math.max(0.0, v));
    }

    /**
     * Greedy non-maximum suppression.
     *
     * @param faces candidates in any order
     * @param iouThreshold a face is dropped when its IoU with a better kept face is greater than this
     * @param topK only the {@code topK} best candidates are considered
     * @return kept faces, best score first
     */
    static List<DetectedFace> nonMaximumSuppression(List<DetectedFace> faces, double iouThreshold, int topK) {
        List<DetectedFace> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        if (sorted.size() > topK) {
            sorted = sorted.subList(0, topK);
        }
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace f : sorted) {
            boolean keep = true;
            for (DetectedFace k : kept) {
                if (f.iou(k) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static void writePadded(RgbImage image, int paddedW, int paddedH, float[] tensor) {
        int w = image.width();
        int h = image.height();
        float[] planes = new float[3 * w * h];
        NchwTensors.write(image, BGR_0_255, planes, 0);
        int plane = paddedW * paddedH;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(planes, c * w * h + y * w, tensor, c * plane + y * paddedW, w);
            }
        }
    }

    /** Halves exactly (2×2 averages) while that stays above the limit, then resizes bilinearly to it. */
    private static RgbImage shrink(RgbImage image, int maxSide) {
        RgbImage current = image;
        while (Math.max(current.width(), current.height()) / 2 >= maxSide) {
            current = current.resize(Math.max(1, current.width() / 2), Math.max(1, current.height() / 2));
        }
        double f = (double) maxSide / Math.max(image.width(), image.height());
        int w = (int) Math.max(1, Math.round(image.width() * f));
        int h = (int) Math.max(1, Math.round(image.height() * f));
        return current.resize(w, h);
    }

    /** @return the model file */
    public Path modelPath() {
        return modelPath;
    }

    /** Waits for running detections, then releases the ONNX Runtime session. Idempotent. */
    @Override
    public void close() {
        shared.close();
    }

    /** Builder; {@link #build()} validates and loads the model. */
    public static final class Builder extends OrtModelBuilder<Builder> {
        private float scoreThreshold = 0.6f;
        private float nmsThreshold = 0.3f;
        private int topK = 5000;
        private int maxInputSide = 0;
        private int minInputSide = 320;

        private Builder() {
            super(Builder.class, "the YuNet .onnx file");
        }

        /**
         * @param scoreThreshold minimum score √(cls·obj) of a kept face, in [0, 1]; default 0.6, which finds a face in
         *     every ORL and BBT image of ../shared (OpenCV's {@code FaceDetectorYN} defaults to 0.9)
         * @return this builder
         */
        public Builder optScoreThreshold(float scoreThreshold) {
            this.scoreThreshold = scoreThreshold;
            return this;
        }

        /**
         * @param nmsThreshold IoU above which the weaker of two boxes is suppressed, in [0, 1]; default 0.3 (OpenCV's)
         * @return this builder
         */
        public Builder optNmsThreshold(float nmsThreshold) {
            this.nmsThreshold = nmsThreshold;
            return this;
        }

        /**
         * @param topK how many of the best candidates enter NMS, ≥ 1; default 5000 (OpenCV's)
         * @return this builder
         */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /**
         * @param maxInputSide if &gt; 0, photos whose longer side exceeds this are scaled down to it before
         *     detection (results are mapped back); 0 (default) detects at full resolution
         * @return this builder
         */
        public Builder optMaxInputSide(int maxInputSide) {
            this.maxInputSide = maxInputSide;
            return this;
        }

        /**
         * @param minInputSide photos whose longer side is below this are scaled up (bilinear) so that it equals
         *     this before detection (results are mapped back); default 320, the input size OpenCV Zoo runs YuNet
         *     at. Small crops gain landmark precision: on ORL (92×112) detection at native size gave
         *     TAR@FAR=1e-3 0.995, at 320 0.999. 0 turns it off
         * @return this builder
         */
        public Builder optMinInputSide(int minInputSide) {
            this.minInputSide = minInputSide;
            return this;
        }

        /**
         * Validates the settings and loads the model.
         *
         * @return the detector
         * @throws IllegalArgumentException if a setting is out of range or the model is not a YuNet model
         *     (one float {@code [1, 3, H, W]} input; outputs {@code cls/obj/bbox/kps_8/16/32}), naming the file
         * @throws IOException if the file is missing or cannot be loaded
         */
        public YuNetDetector build() throws IOException {
            requireModelPath();
            if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
                throw new IllegalArgumentException("scoreThreshold " + scoreThreshold + ": expected a value in [0, 1]");
            }
            if (!(nmsThreshold >= 0 && nmsThreshold <= 1)) {
                throw new IllegalArgumentException("nmsThreshold " + nmsThreshold + ": expected a value in [0, 1]");
            }
            if (topK < 1) {
                throw new IllegalArgumentException("topK " + topK + ": expected >= 1");
            }
            if (maxInputSide < 0) {
                throw new IllegalArgumentException("maxInputSide " + maxInputSide + ": expected >= 0 (0 = no limit)");
            }
            if (minInputSide < 0 || (maxInputSide > 0 && minInputSide > maxInputSide)) {
                throw new IllegalArgumentException("minInputSide " + minInputSide + ": expected 0 (off) .. maxInputSide ("
                        + maxInputSide + ", 0 = no limit)");
            }
            return open(session -> new YuNetDetector(this, modelPath, session, checkModel(session)));
        }

        private String checkModel(OrtSession session) throws OrtException {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(modelPath + " is not a YuNet model: expected one input, found " + inputs.keySet());
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            if (!(in.getValue().getInfo() instanceof TensorInfo t) || t.getShape().length != 4
                    || (t.getShape()[1] != 3 && t.getShape()[1] >= 0)) {
                throw new IllegalArgumentException(modelPath + " is not a YuNet model: input '" + in.getKey()
                        + "' should be a float tensor [1, 3, H, W], found " + in.getValue().getInfo());
            }
            for (int s : STRIDES) {
                for (String prefix : new String[] {"cls_", "obj_", "bbox_", "kps_"}) {
                    if (!session.getOutputNames().contains(prefix + s)) {
                        throw new IllegalArgumentException(modelPath + " is not a YuNet (2023) model: output '" + prefix + s
                                + "' is missing; outputs are " + session.getOutputNames());
                    }
                }
            }
            return in.getKey();
        }
    }
}
