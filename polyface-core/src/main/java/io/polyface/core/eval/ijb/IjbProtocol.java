package io.polyface.core.eval.ijb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The protocol files of one IJB-B/C root, read except the 1:1 pair list (which is streamed when scored):
 * the image rows ({@link ProtocolImages}) and the 1:N lists ({@link SubjectTemplatesFile}).
 *
 * @param layout where the files lie
 * @param images the image rows
 * @param gallery1 the first gallery's templates ({@code G1} / {@code S1})
 * @param gallery2 the second gallery's templates ({@code G2} / {@code S2})
 * @param probes the mixed probe templates
 */
public record IjbProtocol(IjbLayout layout, ProtocolImages images, List<SubjectTemplate> gallery1, List<SubjectTemplate> gallery2,
                          List<SubjectTemplate> probes) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if one is null
     */
    public IjbProtocol {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(images, "images");
        gallery1 = List.copyOf(gallery1);
        gallery2 = List.copyOf(gallery2);
        probes = List.copyOf(probes);
    }

    /**
     * Reads a root's protocol files.
     *
     * @param layout the root and the dataset's names
     * @return the protocol
     * @throws IllegalArgumentException if a protocol file or the image folder is missing (naming it)
     * @throws IOException if a file is malformed ({@link io.polyface.core.io.MalformedFileException}, naming the
     *     file and line) or cannot be read
     */
    public static IjbProtocol read(IjbLayout layout) throws IOException {
        layout.requireComplete();
        ProtocolImages images = ProtocolImages.read(layout.faceTidMid(), layout.name5ptsScore());
        return new IjbProtocol(layout, images, SubjectTemplatesFile.read(layout.gallery(1)), SubjectTemplatesFile.read(layout.gallery(2)),
                SubjectTemplatesFile.read(layout.probeMixed()));
    }

    /**
     * The rows whose image file is not under {@code loose_crop/} (checked before any image is read, so that a
     * strict run fails at once).
     *
     * @return the rows, ascending
     */
    public List<Integer> rowsWithoutImageFile() {
        List<Integer> missing = new ArrayList<>();
        Path dir = layout.images();
        for (int i = 0; i < images.size(); i++) {
            if (!Files.isRegularFile(dir.resolve(images.image(i)))) {
                missing.add(i);
            }
        }
        return missing;
    }
}
