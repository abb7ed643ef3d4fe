package io.polyface.core.reference;

import io.polyface.core.arch.Conv2d;

import java.util.List;

/** The layer definitions of {@link ReferenceForward}, each a direct loop over its formula in double precision. */
final class Layers {

    private Layers() {}

    static ReferenceTensor conv2d(ReferenceTensor x, float[] w, float[] b, Conv2d c, int outH, int outW) {
        int n = x.batch();
        int inC = x.channels();
        int h = x.height();
        int wd = x.width();
        int outC = c.outChannels();
        int groups = c.groups();
        int cin = inC / groups;
        int cout = outC / groups;
        int kh = c.kernelH();
        int kw = c.kernelW();
        if (w.length != outC * cin * kh * kw) {
            throw new IllegalArgumentException("conv2d '" + c.name() + "': weight holds " + w.length + " values, expected "
                    + outC + "x" + cin + "x" + kh + "x" + kw);
        }
        double[] y = new double[n * outC * outH * outW];
        double[] xs = x.data();
        for (int img = 0; img < n; img++) {
            for (int o = 0; o < outC; o++) {
                int g = o / cout;
                double bias = b == null ? 0 : b[o];
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double acc = bias;
                        for (int ci = 0; ci < cin; ci++) {
                            int xc = g * cin + ci;
                            for (int u = 0; u < kh; u++) {
                                int r = i * c.strideH() - c.padH() + u;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                for (int v = 0; v < kw; v++) {
                                    int col = j * c.strideW() - c.padW() + v;
                                    if (col < 0 || col >= wd) {
                                        continue;
                                    }
                                    acc += w[((o * cin + ci) * kh + u) * kw + v] * xs[((img * inC + xc) * h + r) * wd + col];
                                }
                            }
                        }
                        y[((img * outC + o) * outH + i) * outW + j] = acc;
                    }
                }
            }
        }
        return new ReferenceTensor(new int[] {n, outC, outH, outW}, y);
    }

    static ReferenceTensor batchNorm(ReferenceTensor x, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
        int c = x.channels();
        int plane = x.plane();
        double[] y = new double[x.data().length];
        for (int i = 0; i < y.length; i++) {
            int ch = (i / plane) % c;
            y[i] = (x.data()[i] - mean[ch]) / Math.sqrt(var[ch] + eps) * gamma[ch] + beta[ch];
        }
        return new ReferenceTensor(x.shape(), y);
    }

    static ReferenceTensor relu(ReferenceTensor x) {
        double[] y = new double[x.data().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(x.data()[i], 0);
        }
        return new ReferenceTensor(x.shape(), y);
    }

    static ReferenceTensor prelu(ReferenceTensor x, float[] alpha) {
        int c = x.channels();
        int plane = x.plane();
        double[] y = new double[x.data().length];
        for (int i = 0; i < y.length; i++) {
            double v = x.data()[i];
            y[i] = v > 0 ? v : alpha[(i / plane) % c] * v;
        }
        return new ReferenceTensor(x.shape(), y);
    }

    static ReferenceTensor maxPool(ReferenceTensor x, int k, int s, int p, int outH, int outW) {
        int n = x.batch();
        int c = x.channels();
        int h = x.height();
        int w = x.width();
        double[] y = new double[n * c * outH * outW];
        for (int m = 0; m < n * c; m++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int r = Math.max(0, i * s - p); r < Math.min(h, i * s - p + k); r++) {
                        for (int col = Math.max(0, j * s - p); col < Math.min(w, j * s - p + k); col++) {
                            best = Math.max(best, x.data()[(m * h + r) * w + col]);
                        }
                    }
                    y[(m * outH + i) * outW + j] = best;
                }
            }
        }
        return new ReferenceTensor(new int[] {n, c, outH, outW}, y);
    }

    static ReferenceTensor globalAvgPool(ReferenceTensor x) {
        int nc = x.batch() * x.channels();
        int plane = x.plane();
        double[] y = new double[nc];
        for (int m = 0; m < nc; m++) {
            double sum = 0;
            for (int q = 0; q < plane; q++) {
                sum += x.data()[m * plane + q];
            }
            y[m] = sum / plane;
        }
        return new ReferenceTensor(new int[] {x.batch(), x.channels(), 1, 1}, y);
    }

    static ReferenceTensor linear(ReferenceTensor x, float[] w, float[] b, int out) {
        int n = x.batch();
        int in = x.data().length / n;
        if (w.length != out * in) {
            throw new IllegalArgumentException("linear: weight holds " + w.length + " values, expected " + out + "x" + in);
        }
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    acc += w[o * in + i] * x.data()[r * in + i];
                }
                y[r * out + o] = acc;
            }
        }
        return new ReferenceTensor(new int[] {n, out}, y);
    }

    static ReferenceTensor bilinear(ReferenceTensor x, int outH, int outW) {
        int nc = x.batch() * x.channels();
        int h = x.height();
        int w = x.width();
        double[] y = new double[nc * outH * outW];
        for (int m = 0; m < nc; m++) {
            for (int i = 0; i < outH; i++) {
                double sy = Math.max(0, (i + 0.5) * h / outH - 0.5);
                int y0 = Math.min((int) Math.floor(sy), h - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                double fy = sy - y0;
                for (int j = 0; j < outW; j++) {
                    double sx = Math.max(0, (j + 0.5) * w / outW - 0.5);
                    int x0 = Math.min((int) Math.floor(sx), w - 1);
                    int x1 = Math.min(x0 + 1, w - 1);
                    double fx = sx - x0;
                    double top = (1 - fx) * at(x, m, y0, x0) + fx * at(x, m, y0, x1);
                    double bottom = (1 - fx) * at(x, m, y1, x0) + fx * at(x, m, y1, x1);
                    y[(m * outH + i) * outW + j] = (1 - fy) * top + fy * bottom;
                }
            }
        }
        return new ReferenceTensor(new int[] {x.batch(), x.channels(), outH, outW}, y);
    }

    private static double at(ReferenceTensor x, int plane, int r, int c) {
        return x.data()[(plane * x.height() + r) * x.width() + c];
    }

    static ReferenceTensor crop(ReferenceTensor x, int top, int left, int height, int width) {
        int nc = x.batch() * x.channels();
        double[] y = new double[nc * height * width];
        for (int m = 0; m < nc; m++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    y[(m * height + r) * width + c] = at(x, m, top + r, left + c);
                }
            }
        }
        return new ReferenceTensor(new int[] {x.batch(), x.channels(), height, width}, y);
    }

    static ReferenceTensor affine(ReferenceTensor x, double scale, double shift) {
        double[] y = new double[x.data().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data()[i] * scale + shift;
        }
        return new ReferenceTensor(x.shape(), y);
    }

    static ReferenceTensor addScaled(ReferenceTensor a, ReferenceTensor b, double s) {
        if (a.data().length != b.data().length) {
            throw new IllegalArgumentException("cannot add tensors of " + a.data().length + " and " + b.data().length + " values");
        }
        double[] y = new double[a.data().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = a.data()[i] + s * b.data()[i];
        }
        return new ReferenceTensor(a.shape(), y);
    }

    static ReferenceTensor concatChannels(List<ReferenceTensor> parts) {
        ReferenceTensor first = parts.get(0);
        int n = first.batch();
        int plane = first.plane();
        int channels = 0;
        for (ReferenceTensor t : parts) {
            channels += t.channels();
        }
        double[] y = new double[n * channels * plane];
        int offset = 0;
        for (ReferenceTensor t : parts) {
            int block = t.channels() * plane;
            for (int img = 0; img < n; img++) {
                System.arraycopy(t.data(), img * block, y, (img * channels + offset) * plane, block);
            }
            offset += t.channels();
        }
        return new ReferenceTensor(new int[] {n, channels, first.height(), first.width()}, y);
    }
}
