package io.polyface.core.eval.ijb.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.eval.ijb.IjbDataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link IjbProtocolGenerator} wrote.
 *
 * @param root the protocol root
 * @param dataset whose file names
 * @param seed the seed
 * @param imagesFound files under the image folder (hidden files excluded)
 * @param facesWritten images with a face, written to {@code loose_crop/}
 * @param leftOut files left out, with the reason (no face, unreadable, not in a subject folder)
 * @param gallery1Subjects subjects enrolled in the first gallery
 * @param gallery2Subjects subjects enrolled in the second gallery
 * @param nonMatedSubjects subjects in no gallery
 * @param templates templates
 * @param media media
 * @param pairs 1:1 pairs written
 * @param genuinePairs genuine 1:1 pairs written
 * @param nonMatedProbes1 probes non-mated against the first gallery
 * @param nonMatedProbes2 probes non-mated against the second gallery
 * @param sampleLimited whether a gallery has fewer than 100 non-mated probes (FPIR 1e-2 then has {@code k = 0})
 */
public record GeneratedProtocol(Path root, IjbDataset dataset, long seed, int imagesFound, int facesWritten, List<LeftOutImage> leftOut,
                                int gallery1Subjects, int gallery2Subjects, int nonMatedSubjects, int templates, long media, long pairs,
                                long genuinePairs, int nonMatedProbes1, int nonMatedProbes2, boolean sampleLimited) {

    /**
     * An image that is not in the protocol.
     *
     * @param path the file, relative to the image folder
     * @param reason why it was left out
     */
    public record LeftOutImage(String path, String reason) {
    }

    /**
     * Copies the list.
     *
     * @throws NullPointerException if a component is null
     */
    public GeneratedProtocol {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataset, "dataset");
        leftOut = List.copyOf(leftOut);
    }

    /**
     * The summary as JSON (written to {@code meta/generator.json} and printed by {@code ijb-protocol --json}).
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("root", root.toString());
        o.put("dataset", dataset.prefix());
        o.put("seed", seed);
        o.put("images_found", imagesFound);
        o.put("faces_written", facesWritten);
        o.put("left_out", leftOut.size());
        o.put(dataset.galleryName(1) + "_subjects", gallery1Subjects);
        o.put(dataset.galleryName(2) + "_subjects", gallery2Subjects);
        o.put("non_mated_subjects", nonMatedSubjects);
        o.put("templates", templates);
        o.put("media", media);
        o.put("pairs", pairs);
        o.put("genuine_pairs", genuinePairs);
        o.put("impostor_pairs", pairs - genuinePairs);
        o.put("non_mated_probes_" + dataset.galleryName(1), nonMatedProbes1);
        o.put("non_mated_probes_" + dataset.galleryName(2), nonMatedProbes2);
        o.put("sample_limited", sampleLimited);
        ArrayNode list = o.putArray("left_out_images");
        for (LeftOutImage l : leftOut) {
            list.addObject().put("path", l.path()).put("reason", l.reason());
        }
        return o;
    }
}
