package io.polyface.core.eval.ijb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the protocol files of one benchmark lie under a root folder, in InsightFace's layout
 * ({@code recognition/_evaluation_/ijb}; the IJB-C names shown, IJB-B's start with {@code ijbb_} and name
 * its galleries {@code S1}/{@code S2}):
 * <pre>
 * ROOT/loose_crop/                          the face images named in the files below
 * ROOT/meta/ijbc_face_tid_mid.txt           image template_id media_id            (one line per image)
 * ROOT/meta/ijbc_name_5pts_score.txt        image x1 y1 … x5 y5 detector_score    (same images, same order)
 * ROOT/meta/ijbc_template_pair_label.txt    template_id_1 template_id_2 label     (1:1, label 1 = genuine)
 * ROOT/meta/ijbc_1N_gallery_G1.csv          TEMPLATE_ID,SUBJECT_ID,… header, one row per image (1:N)
 * ROOT/meta/ijbc_1N_gallery_G2.csv
 * ROOT/meta/ijbc_1N_probe_mixed.csv
 * </pre>
 *
 * @param root the root folder
 * @param dataset which benchmark's names
 */
public record IjbLayout(Path root, IjbDataset dataset) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     */
    public IjbLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** @return {@code ROOT/meta} */
    public Path meta() {
        return root.resolve("meta");
    }

    /** @return {@code ROOT/loose_crop}, the folder of the images */
    public Path images() {
        return root.resolve("loose_crop");
    }

    /** @return {@code meta/<prefix>_face_tid_mid.txt} */
    public Path faceTidMid() {
        return meta().resolve(dataset.prefix() + "_face_tid_mid.txt");
    }

    /** @return {@code meta/<prefix>_name_5pts_score.txt} */
    public Path name5ptsScore() {
        return meta().resolve(dataset.prefix() + "_name_5pts_score.txt");
    }

    /** @return {@code meta/<prefix>_template_pair_label.txt} */
    public Path templatePairLabel() {
        return meta().resolve(dataset.prefix() + "_template_pair_label.txt");
    }

    /**
     * The 1:N gallery file.
     *
     * @param gallery 1 or 2
     * @return {@code meta/<prefix>_1N_gallery_<G1|G2|S1|S2>.csv}
     * @throws IllegalArgumentException unless {@code gallery} is 1 or 2
     */
    public Path gallery(int gallery) {
        return meta().resolve(dataset.prefix() + "_1N_gallery_" + dataset.galleryName(gallery) + ".csv");
    }

    /** @return {@code meta/<prefix>_1N_probe_mixed.csv} */
    public Path probeMixed() {
        return meta().resolve(dataset.prefix() + "_1N_probe_mixed.csv");
    }

    /**
     * Every protocol file, in the order above (images folder excluded).
     *
     * @return the six files
     */
    public List<Path> protocolFiles() {
        return List.of(faceTidMid(), name5ptsScore(), templatePairLabel(), gallery(1), gallery(2), probeMixed());
    }

    /**
     * Checks that the root, every protocol file and the images folder exist.
     *
     * @throws IllegalArgumentException naming the first missing file and the layout expected
     */
    public void requireComplete() {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("IJB root " + root + " is not a folder");
        }
        List<Path> needed = new ArrayList<>(protocolFiles());
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("missing protocol file " + p + " (" + dataset.displayName()
                        + " layout: ROOT/meta/" + dataset.prefix() + "_face_tid_mid.txt, _name_5pts_score.txt, _template_pair_label.txt, _1N_gallery_"
                        + dataset.galleryName(1) + ".csv, _1N_gallery_" + dataset.galleryName(2) + ".csv, _1N_probe_mixed.csv, ROOT/loose_crop/)");
            }
        }
        if (!Files.isDirectory(images())) {
            throw new IllegalArgumentException("missing image folder " + images() + " (" + dataset.displayName()
                    + " layout: the images named in " + name5ptsScore().getFileName() + " lie under ROOT/loose_crop/)");
        }
    }
}
