package io.polyface.core.onnx;

import com.google.protobuf.ByteString;
import io.polyface.core.onnx.proto.Onnx.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Conversions between Java arrays and ONNX {@link TensorProto}s. Written tensors keep their values in
 * {@code raw_data} (little-endian, row-major), as the ONNX IR specifies; read tensors may use
 * {@code raw_data} or the typed fields ({@code float_data}, {@code double_data}, {@code int64_data}).
 */
final class OnnxTensors {

    private OnnxTensors() {}

    /**
     * @param name tensor name
     * @param dims shape
     * @param values row-major values, {@code product(dims)} of them
     * @return a FLOAT tensor
     */
    static TensorProto floats(String name, long[] dims, float[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(dims).boxed().toList())
                .setRawData(ByteString.copyFrom(buf.array()))
                .build();
    }

    /**
     * @param name tensor name
     * @param dims shape
     * @return a FLOAT tensor description without values (not a valid initializer; for matching only)
     */
    static TensorProto shapeOnly(String name, long[] dims) {
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(dims).boxed().toList())
                .build();
    }

    /**
     * @param name tensor name
     * @param value the value
     * @return a FLOAT scalar (rank 0)
     */
    static TensorProto scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /**
     * @param name tensor name
     * @param values the values
     * @return an INT64 vector {@code [values.length]}
     */
    static TensorProto int64s(String name, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(buf.array()))
                .build();
    }

    /**
     * @param t a tensor
     * @return its shape
     */
    static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param t a tensor
     * @return whether it holds FLOAT or DOUBLE values (a candidate weight)
     */
    static boolean isReal(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE;
    }

    /**
     * Reads a FLOAT or DOUBLE tensor's values as floats.
     *
     * @param t the tensor
     * @return its row-major values
     * @throws IllegalArgumentException naming the tensor if its data is external, of another type, or of the wrong length
     */
    static float[] toFloats(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' keeps its data in an external file;"
                    + " only self-contained ONNX files are supported (re-save the model with its data embedded)");
        }
        long n = numel(dims(t));
        float[] out;
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            if (t.hasRawData()) {
                out = new float[t.getRawData().size() / 4];
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            } else {
                out = new float[t.getFloatDataCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getFloatData(i);
                }
            }
        } else if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
            double[] d;
            if (t.hasRawData()) {
                d = new double[t.getRawData().size() / 8];
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
            } else {
                d = t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
            }
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        } else {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' has ONNX data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + "; expected FLOAT or DOUBLE weights");
        }
        if (out.length != n) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' has shape " + Arrays.toString(dims(t))
                    + " (" + n + " values) but holds " + out.length + " values");
        }
        return out;
    }

    /**
     * @param dims a shape
     * @return the number of elements (1 for a scalar)
     */
    static long numel(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    private static void checkCount(String name, long[] dims, int count) {
        if (numel(dims) != count) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(dims) + " needs "
                    + numel(dims) + " values, got " + count);
        }
    }
}
