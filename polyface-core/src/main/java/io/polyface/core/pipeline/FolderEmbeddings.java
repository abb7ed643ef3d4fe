package io.polyface.core.pipeline;

import io.polyface.core.io.FeatureMatrix;

import java.util.List;

/**
 * The embeddings of an image folder, row-aligned with their relative paths and identities.
 *
 * @param features the embeddings {@code [N, d]}, L2-normalised by the embedder
 * @param paths each row's path relative to the folder ('/'-separated), in sorted walk order
 * @param labels each row's identity: the first path component under the folder
 * @param unreadable relative paths of files that could not be decoded as images, with the reason
 * @param noFace relative paths of images in which no face was found (not embedded)
 * @param centreResized relative paths embedded from a centre resize because no face was found
 */
public record FolderEmbeddings(FeatureMatrix features, List<String> paths, List<String> labels, List<String> unreadable,
                               List<String> noFace, List<String> centreResized) {

    /** Copies the lists. */
    public FolderEmbeddings {
        paths = List.copyOf(paths);
        labels = List.copyOf(labels);
        unreadable = List.copyOf(unreadable);
        noFace = List.copyOf(noFace);
        centreResized = List.copyOf(centreResized);
    }
}
