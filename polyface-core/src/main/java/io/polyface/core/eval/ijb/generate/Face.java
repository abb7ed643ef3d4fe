package io.polyface.core.eval.ijb.generate;

/**
 * One face written to {@code loose_crop/}.
 *
 * @param subject the subject's index (position in the sorted subject list)
 * @param source the source image, relative to the image folder
 * @param image the written image's name, relative to {@code loose_crop/}
 * @param landmarks the five landmarks in the written image, {@code x1 y1 … x5 y5}
 * @param score the detector score
 */
record Face(int subject, String source, String image, float[] landmarks, float score) {
}
