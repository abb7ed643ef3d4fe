package io.polyface.core.eval.ijb;

import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a template pair list with the size and shape of IJB-C's 1:1 protocol, for tests and benchmarks
 * that must not depend on the licensed data: {@value #IJBC_PAIRS} lines, {@value #IJBC_TEMPLATES}
 * templates, {@value #IJBC_GENUINE} genuine pairs, grouped by the first template as the distributed file is.
 * Templates {@code 0 .. E-1} are enrolment templates (subject {@code i}) and appear first in each pair;
 * templates {@code E .. E+P-1} are probes, probe {@code j} of subject {@code j mod E}. Each enrolment
 * template is paired with some of its subject's probes (genuine) and a uniform sample (selection sampling,
 * Knuth TAOCP vol. 2, 3.4.2, algorithm S) of the other probes, second ids ascending. Template {@code i} has id
 * {@code idBase + i}.
 */
public final class SyntheticPairList {

    /** Lines of IJB-C's {@code ijbc_template_pair_label.txt}. */
    public static final int IJBC_PAIRS = 15_658_489;
    /** Templates of IJB-C's 1:1 protocol. */
    public static final int IJBC_TEMPLATES = 23_124;
    /** Genuine pairs of IJB-C's 1:1 protocol. */
    public static final int IJBC_GENUINE = 19_557;
    /** Enrolment templates (one per subject) used for the IJB-C-sized list: IJB-C's 3,531 subjects. */
    public static final int IJBC_ENROLMENT = 3_531;

    /**
     * What was written.
     *
     * @param enrolment enrolment templates {@code E}
     * @param probes probe templates {@code P}
     * @param pairs lines written
     * @param genuine genuine pairs written
     * @param idBase the id of template 0
     */
    public record Layout(int enrolment, int probes, long pairs, long genuine, long idBase) {

        /** @return {@code E + P} */
        public int templates() {
            return enrolment + probes;
        }

        /**
         * @param template a template index
         * @return its subject: {@code i} for enrolment template {@code i}, {@code j mod E} for probe {@code j}
         */
        public int subject(int template) {
            return template < enrolment ? template : (template - enrolment) % enrolment;
        }
    }

    private SyntheticPairList() {}

    /**
     * Template features for a layout: each template is its subject's Gaussian direction plus Gaussian noise
     * of {@code noise} times its scale, so that genuine pairs score higher than impostor pairs.
     *
     * @param layout the layout
     * @param d the dimension, {@code >= 1}
     * @param noise the noise scale, {@code >= 0} (1.2 gives genuine cosines around 0.4, impostors around 0)
     * @param seed the seed
     * @return the {@code [E + P, d]} features and their ids, no empty templates
     */
    public static TemplateFeatures features(Layout layout, int d, double noise, long seed) {
        int t = layout.templates();
        float[] x = new float[Math.multiplyExact(t, d)];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t; i++) {
            SplittableRandom subject = new SplittableRandom(seed * 1_000_003L + layout.subject(i));
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (subject.nextGaussian() + noise * r.nextGaussian());
            }
        }
        long[] ids = new long[t];
        for (int i = 0; i < t; i++) {
            ids[i] = layout.idBase() + i;
        }
        return TemplateFeatures.of(ids, io.polyface.core.io.FeatureMatrix.fromRowMajor(t, d, x), new long[0], "synthetic templates");
    }

    /**
     * Writes the IJB-C-sized list.
     *
     * @param file the file to create or replace (atomically)
     * @param seed the sampling seed
     * @param idBase the id of template 0 (e.g. 1, or 10^9 for ten-digit ids)
     * @return the layout
     * @throws IOException if writing fails
     */
    public static Layout writeIjbcSize(Path file, long seed, long idBase) throws IOException {
        Layout l = ijbcLayout(idBase);
        return write(file, l.enrolment(), l.probes(), l.pairs(), l.genuine(), seed, idBase);
    }

    /**
     * The layout {@link #writeIjbcSize} writes.
     *
     * @param idBase the id of template 0
     * @return the layout
     */
    public static Layout ijbcLayout(long idBase) {
        return new Layout(IJBC_ENROLMENT, IJBC_TEMPLATES - IJBC_ENROLMENT, IJBC_PAIRS, IJBC_GENUINE, idBase);
    }

    /**
     * Writes a list of the shape described above.
     *
     * @param file the file to create or replace (atomically)
     * @param enrolment enrolment templates {@code E >= 1}
     * @param probes probe templates {@code P >= E}
     * @param pairs lines, {@code E·(genuine per template) <= pairs <= E·P}
     * @param genuine genuine pairs, {@code P - E < genuine <= P} (each enrolment template keeps at least one)
     * @param seed the sampling seed
     * @param idBase the id of template 0, {@code >= 0}
     * @return the layout
     * @throws IllegalArgumentException if the counts cannot be met
     * @throws IOException if writing fails
     */
    public static Layout write(Path file, int enrolment, int probes, long pairs, long genuine, long seed, long idBase) throws IOException {
        if (enrolment < 1 || probes < enrolment || genuine > probes || genuine <= probes - enrolment || idBase < 0
                || pairs < genuine || pairs > (long) enrolment * (probes - enrolment + 1)) {
            throw new IllegalArgumentException("cannot lay out " + pairs + " pairs with " + genuine + " genuine over " + enrolment
                    + " enrolment and " + probes + " probe templates");
        }
        long drop = probes - genuine; // enrolment templates 0 .. drop-1 leave out their last genuine probe
        long base = pairs / enrolment;
        long extra = pairs % enrolment;
        SplittableRandom random = new SplittableRandom(seed);
        AtomicFileWriter.write(file, out -> {
            TemplatePairFile.Writer w = new TemplatePairFile.Writer(out);
            for (int i = 0; i < enrolment; i++) {
                int mates = (probes - 1 - i) / enrolment + 1; // probes j < P with j mod E == i
                int keepMates = mates - (i < drop ? 1 : 0);
                long rows = base + (i < extra ? 1 : 0);
                long impostors = rows - keepMates;
                long candidates = probes - mates;
                if (impostors < 0 || impostors > candidates) {
                    throw new IllegalArgumentException("enrolment template " + i + " would need " + impostors + " impostor pairs of "
                            + candidates);
                }
                int keptMates = 0;
                for (int j = 0; j < probes; j++) {
                    boolean mate = j % enrolment == i;
                    boolean take;
                    if (mate) {
                        take = keptMates++ < keepMates;
                    } else {
                        take = random.nextLong(candidates) < impostors;
                        candidates--;
                        if (take) {
                            impostors--;
                        }
                    }
                    if (take) {
                        w.write(idBase + i, idBase + enrolment + j, mate);
                    }
                }
            }
        });
        return new Layout(enrolment, probes, pairs, genuine, idBase);
    }
}
