package io.polyface.core.search;

import io.polyface.core.flops.Convention;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import io.polyface.core.io.AtomicFileWriter;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plots a search as a PNG with XChart (headless): every evaluated candidate (grey; at most 20,000, evenly
 * thinned in evaluation order), the Pareto front (FLOPs vs objective), the winner, optional named markers,
 * and the budget as a vertical line. x: GFLOPs under the budget's convention; y: the search objective.
 */
public final class FrontPlot {

    private static final int MAX_CLOUD = 20_000;

    private FrontPlot() {}

    /**
     * Writes the plot atomically (temporary file, then rename).
     *
     * @param result a search result
     * @param file the PNG file
     * @param markers further candidates to mark, by label (e.g. the paper's architecture); may be empty
     * @throws IOException if the file cannot be written
     */
    public static void write(SearchResult result, Path file, Map<String, Evaluation> markers) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Convention conv = result.context().budget().convention();
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title(String.format("%s, %s <= %s GFLOPs, objective %s, seed %d", result.context().space().name(), conv.id(),
                        result.context().budget().gflopsText(), result.objective().id(), result.context().seed()))
                .xAxisTitle("GFLOPs (" + conv.id() + ")").yAxisTitle(result.objective().id()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);

        List<Evaluation> all = finite(result.evaluated());
        int stride = Math.max(1, (all.size() + MAX_CLOUD - 1) / MAX_CLOUD);
        List<Evaluation> cloud = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            cloud.add(all.get(i));
        }
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Evaluation e : all) {
            yMin = Math.min(yMin, e.objective());
            yMax = Math.max(yMax, e.objective());
        }
        series(chart, "evaluated (" + all.size() + (stride > 1 ? ", every " + stride + "th shown" : "") + ")", cloud, conv,
                new Color(170, 170, 170), SeriesMarkers.CIRCLE, false);
        series(chart, "Pareto front (" + result.front().size() + ")", finite(result.front()), conv, new Color(31, 119, 180),
                SeriesMarkers.DIAMOND, true);
        Map<String, Evaluation> marks = new LinkedHashMap<>();
        marks.put("best", result.best());
        marks.putAll(markers);
        Color[] colours = {new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};
        int i = 0;
        for (Map.Entry<String, Evaluation> m : marks.entrySet()) {
            if (Double.isFinite(m.getValue().objective())) {
                series(chart, m.getKey(), List.of(m.getValue()), conv, colours[i % colours.length], SeriesMarkers.SQUARE, false);
            }
            i++;
        }
        if (Double.isFinite(yMin)) {
            double budget = result.context().budget().maxFlops() / 1e9;
            XYSeries b = chart.addSeries("budget", new double[] {budget, budget}, new double[] {yMin, yMax});
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(Color.BLACK);
        }
        AtomicFileWriter.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static List<Evaluation> finite(List<Evaluation> es) {
        return es.stream().filter(e -> Double.isFinite(e.objective())).toList();
    }

    private static void series(XYChart chart, String name, List<Evaluation> es, Convention conv, Color colour,
                                   org.knowm.xchart.style.markers.Marker marker, boolean line) {
        if (es.isEmpty()) {
            return;
        }
        double[] x = new double[es.size()];
        double[] y = new double[x.length];
        for (int i = 0; i < es.size(); i++) {
            x[i] = es.get(i).candidate().cost().flops(conv) / 1e9;
            y[i] = es.get(i).objective();
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        if (line) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(colour);
        }
    }
}
