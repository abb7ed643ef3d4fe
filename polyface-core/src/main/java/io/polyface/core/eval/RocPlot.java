package io.polyface.core.eval;

import io.polyface.core.io.AtomicFileWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws a verification ROC curve as a PNG with XChart: TAR against FAR on a logarithmic FAR axis, with
 * the exact operating points of the target FARs marked. Points with FAR = 0 cannot sit on a log axis
 * and are left out. Rendering is headless ({@code java.awt.headless=true} is set unless the property
 * is already given).
 */
public final class RocPlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RocPlot() {}

    /**
     * Renders the plot.
     *
     * @param result the verification result (ROC curve and operating points)
     * @param title the chart title
     * @param widthPixels the image width, {@code >= 200}
     * @param heightPixels the image height, {@code >= 150}
     * @return the PNG bytes
     * @throws IllegalArgumentException if the size is too small or no ROC point has FAR > 0
     * @throws IOException if encoding fails
     */
    public static byte[] png(VerificationResult result, String title, int widthPixels, int heightPixels) throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(title, "title");
        if (widthPixels < 200 || heightPixels < 150) {
            throw new IllegalArgumentException("plot size " + widthPixels + "x" + heightPixels + ", expected at least 200x150");
        }
        List<Double> far = new ArrayList<>();
        List<Double> tar = new ArrayList<>();
        for (RocPoint p : result.roc().points()) {
            if (p.far() > 0) {
                far.add(p.far());
                tar.add(p.tar());
            }
        }
        if (far.isEmpty()) {
            throw new IllegalArgumentException("no ROC point has FAR > 0; nothing to draw on a logarithmic FAR axis");
        }
        XYChart chart = new XYChartBuilder().width(widthPixels).height(heightPixels).title(title)
                .xAxisTitle("FAR (impostor pairs accepted / " + result.impostorCount() + ")")
                .yAxisTitle("TAR (genuine pairs accepted / " + result.genuineCount() + ")").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        XYSeries roc = chart.addSeries("ROC", far, tar);
        roc.setMarker(SeriesMarkers.NONE);
        roc.setLineColor(new Color(0x1f, 0x77, 0xb4));
        roc.setLineStyle(new BasicStroke(2f));
        List<Double> opFar = new ArrayList<>();
        List<Double> opTar = new ArrayList<>();
        for (OperatingPoint p : result.operatingPoints()) {
            if (p.farAchieved() > 0) {
                opFar.add(p.farAchieved());
                opTar.add(p.tar());
            }
        }
        if (!opFar.isEmpty()) {
            XYSeries ops = chart.addSeries("target FARs (exact, score > threshold)", opFar, opTar);
            ops.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ops.setMarker(SeriesMarkers.DIAMOND);
            ops.setMarkerColor(new Color(0xd6, 0x27, 0x28));
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Writes the plot (800×600) to a PNG file atomically.
     *
     * @param file the PNG file to create or replace
     * @param result the verification result
     * @param title the chart title
     * @throws IllegalArgumentException if no ROC point has FAR > 0
     * @throws IOException if rendering or writing fails
     */
    public static void write(Path file, VerificationResult result, String title) throws IOException {
        byte[] png = png(result, title, 800, 600);
        AtomicFileWriter.write(file, out -> out.write(png));
    }
}
