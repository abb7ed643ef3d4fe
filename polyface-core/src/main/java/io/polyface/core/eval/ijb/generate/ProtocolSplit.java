package io.polyface.core.eval.ijb.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits subjects into the two 1:N galleries and non-mated probe subjects and groups their faces into
 * templates of 1 to {@code k} images, each template's images into media of 1 to {@code m} images. Pure and
 * seeded: the same faces, options and seed give the same plan.
 *
 * <p>Subjects with at least two faces are eligible for a gallery (one template enrolled, the rest probes);
 * half of them (at least two) go to the galleries, alternately G1 and G2, the others and every subject with
 * one face are non-mated probe subjects. Against G1 the non-mated probes are G2's probes and the non-mated
 * subjects' templates, and the other way round. FPIR 1e-2 needs {@value #NON_MATED_FOR_FPIR_1E2} of them per
 * gallery; when a plan gives fewer, the non-mated subjects' templates are made single images, then the
 * galleries are shrunk one subject at a time (down to one each); if no plan reaches the count, the last one
 * (the most non-mated probes) is used and marked sample-limited.
 */
final class ProtocolSplit {

    /** Non-mated probes needed per gallery for {@code k = ⌊0.01·N_nm⌋ >= 1}. */
    static final int NON_MATED_FOR_FPIR_1E2 = 100;

    /** A template's role. */
    enum Role {
        /** Enrolled in gallery 1. */
        GALLERY_1,
        /** Enrolled in gallery 2. */
        GALLERY_2,
        /** In the mixed probe list. */
        PROBE
    }

    /**
     * One template.
     *
     * @param id the template id
     * @param subject the subject index
     * @param role gallery or probe
     * @param faces its faces
     * @param media the media id of each face
     */
    record Template(long id, int subject, Role role, List<Face> faces, long[] media) {
    }

    /**
     * The plan.
     *
     * @param templates the templates, ids 1.. in order: G1 gallery templates, G2's, then probes by subject
     * @param gallery1Subjects subjects enrolled in G1
     * @param gallery2Subjects subjects enrolled in G2
     * @param nonMatedSubjects subjects in no gallery
     * @param nonMatedProbes1 probes non-mated against G1
     * @param nonMatedProbes2 probes non-mated against G2
     * @param mediaCount distinct media ids
     * @param sampleLimited whether either gallery has fewer than {@value #NON_MATED_FOR_FPIR_1E2} non-mated probes
     */
    record Plan(List<Template> templates, int gallery1Subjects, int gallery2Subjects, int nonMatedSubjects,
                int nonMatedProbes1, int nonMatedProbes2, long mediaCount, boolean sampleLimited) {
    }

    private ProtocolSplit() {}

    /**
     * Plans the protocol.
     *
     * @param faces the faces of each subject, subjects in sorted order (subjects without a face allowed)
     * @param seed the seed
     * @param maxTemplateImages {@code k >= 1}
     * @param maxMediaImages {@code m >= 1}
     * @return the plan
     * @throws IllegalArgumentException if fewer than two subjects have two faces
     */
    static Plan plan(List<List<Face>> faces, long seed, int maxTemplateImages, int maxMediaImages) {
        int eligible = 0;
        for (List<Face> f : faces) {
            eligible += f.size() >= 2 ? 1 : 0;
        }
        if (eligible < 2) {
            throw new IllegalArgumentException(eligible + " subject(s) with at least two detected faces; the 1:N protocol needs two"
                    + " (one per gallery), each with a gallery and a probe template");
        }
        int galleries = Math.max(2, eligible / 2);
        Plan last = null;
        for (int g = galleries; g >= 2; g--) {
            for (boolean single : g == galleries ? new boolean[] {false, true} : new boolean[] {true}) {
                last = attempt(faces, seed, maxTemplateImages, maxMediaImages, g, single);
                if (!last.sampleLimited()) {
                    return last;
                }
            }
        }
        return last;
    }

    private static Plan attempt(List<List<Face>> faces, long seed, int k, int m, int galleries, boolean singleNonMated) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> eligible = new ArrayList<>();
        for (int s = 0; s < faces.size(); s++) {
            if (faces.get(s).size() >= 2) {
                eligible.add(s);
            }
        }
        shuffle(eligible, random);
        Role[] enrolled = new Role[faces.size()];
        for (int i = 0; i < galleries; i++) {
            enrolled[eligible.get(i)] = i % 2 == 0 ? Role.GALLERY_1 : Role.GALLERY_2;
        }
        List<Template> gallery1 = new ArrayList<>();
        List<Template> gallery2 = new ArrayList<>();
        List<Template> probes = new ArrayList<>();
        long[] media = {0};
        int[] subjectsPerRole = new int[3];
        int[] probesOfRole = new int[3];
        for (int s = 0; s < faces.size(); s++) {
            List<Face> own = new ArrayList<>(faces.get(s));
            if (own.isEmpty()) {
                continue;
            }
            shuffle(own, random);
            Role role = enrolled[s] == null ? Role.PROBE : enrolled[s];
            subjectsPerRole[role.ordinal()]++;
            int next = 0;
            if (role != Role.PROBE) {
                int size = 1 + random.nextInt(Math.min(k, own.size() - 1));
                (role == Role.GALLERY_1 ? gallery1 : gallery2).add(template(s, role, own.subList(0, size), m, random, media));
                next = size;
            }
            int cap = role == Role.PROBE && singleNonMated ? 1 : k;
            while (next < own.size()) {
                int size = Math.min(own.size() - next, 1 + random.nextInt(cap));
                probes.add(template(s, Role.PROBE, own.subList(next, next + size), m, random, media));
                probesOfRole[role.ordinal()]++;
                next += size;
            }
        }
        List<Template> all = new ArrayList<>();
        all.addAll(gallery1);
        all.addAll(gallery2);
        all.addAll(probes);
        List<Template> numbered = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Template t = all.get(i);
            numbered.add(new Template(i + 1, t.subject(), t.role(), t.faces(), t.media()));
        }
        int nonMated = probesOfRole[Role.PROBE.ordinal()];
        int nonMated1 = nonMated + probesOfRole[Role.GALLERY_2.ordinal()];
        int nonMated2 = nonMated + probesOfRole[Role.GALLERY_1.ordinal()];
        boolean limited = Math.min(nonMated1, nonMated2) < NON_MATED_FOR_FPIR_1E2;
        return new Plan(List.copyOf(numbered), subjectsPerRole[0], subjectsPerRole[1], subjectsPerRole[2], nonMated1, nonMated2,
                media[0], limited);
    }

    private static Template template(int subject, Role role, List<Face> faces, int m, SplittableRandom random, long[] media) {
        long[] ids = new long[faces.size()];
        int i = 0;
        while (i < ids.length) {
            int size = Math.min(ids.length - i, 1 + random.nextInt(m));
            media[0]++;
            for (int j = 0; j < size; j++) {
                ids[i++] = media[0];
            }
        }
        return new Template(0, subject, role, List.copyOf(faces), ids);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T x = list.get(i);
            list.set(i, list.get(j));
            list.set(j, x);
        }
    }
}
