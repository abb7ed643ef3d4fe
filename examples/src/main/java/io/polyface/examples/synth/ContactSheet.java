package io.polyface.examples.synth;

import io.polyface.core.image.RgbImage;

import java.util.List;

/**
 * Tiles images into one grid image for a quick look at a dataset: one row per list, images left to right,
 * separated by a gap of a given grey. Rows may have different lengths; missing cells stay the gap colour.
 */
public final class ContactSheet {

    private ContactSheet() {}

    /**
     * Tiles the rows.
     *
     * @param rows the images, row by row; every image must have the size of the first one
     * @param gap pixels between cells and around the border, ≥ 0
     * @param gapGrey grey level of the gap, in [0, 255]
     * @return a {@code (cols·(w + gap) + gap) × (rows·(h + gap) + gap)} image, cols being the longest row's length
     * @throws IllegalArgumentException if there is no image, a row or image is null, sizes differ, or gap/gapGrey is out of range
     */
    public static RgbImage tile(List<List<RgbImage>> rows, int gap, float gapGrey) {
        Ranges.checkNotNull("rows", rows);
        if (gap < 0) {
            throw new IllegalArgumentException("contact sheet gap " + gap + ": expected >= 0 pixels");
        }
        Ranges.check("gapGrey", gapGrey, 0, 255);
        RgbImage first = null;
        int cols = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<RgbImage> row = Ranges.checkNotNull("rows[" + r + "]", rows.get(r));
            cols = Math.max(cols, row.size());
            for (int c = 0; c < row.size(); c++) {
                RgbImage im = Ranges.checkNotNull("rows[" + r + "][" + c + "]", row.get(c));
                if (first == null) {
                    first = im;
                } else if (im.width() != first.width() || im.height() != first.height()) {
                    throw new IllegalArgumentException("contact sheet image [" + r + "][" + c + "] is " + im.width() + "x"
                            + im.height() + "; expected " + first.width() + "x" + first.height() + " like the first");
                }
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("contact sheet: no images to tile");
        }
        int w = first.width();
        int h = first.height();
        int sheetW = cols * (w + gap) + gap;
        int sheetH = rows.size() * (h + gap) + gap;
        float[] out = new float[sheetW * sheetH * 3];
        java.util.Arrays.fill(out, gapGrey);
        for (int r = 0; r < rows.size(); r++) {
            List<RgbImage> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                float[] px = row.get(c).toArray();
                int x0 = gap + c * (w + gap);
                int y0 = gap + r * (h + gap);
                for (int y = 0; y < h; y++) {
                    System.arraycopy(px, y * w * 3, out, ((y0 + y) * sheetW + x0) * 3, w * 3);
                }
            }
        }
        return RgbImage.of(sheetW, sheetH, out);
    }
}
