package edu.cs224n.vae;

import edu.cs224n.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The VAE's pictures: a grid of samples, test images above their reconstructions, and the test images' posterior means coloured by digit. */
public final class VaePictures {
    public static final String SAMPLES = "samples.png", RECONSTRUCTIONS = "reconstructions.png", LATENT = "latent.png";
    private static final int SCALE = 6, GAP = 2;

    private VaePictures() {}

    public static void write(VaeModel model, List<Digits.Image> test, Path dir, long seed) throws IOException {
        grid(model.sample(100, seed), 10, dir.resolve(SAMPLES));
        int n = Math.min(20, test.size());
        List<Digits.Image> shown = test.subList(0, n);
        double[][] rows = new double[2 * n][];
        double[][] recon = model.reconstruct(shown);
        for (int i = 0; i < n; i++) {
            rows[i] = shown.get(i).pixels();
            rows[n + i] = recon[i];
        }
        grid(rows, n, dir.resolve(RECONSTRUCTIONS));
        scatter(model, test, dir.resolve(LATENT));
    }

    /** Images (64 grey levels in [0, 1] each, 1 = ink, drawn black on white) in rows of {@code columns}, enlarged. */
    public static void grid(double[][] images, int columns, Path target) throws IOException {
        int rows = (images.length + columns - 1) / columns, cell = Digits.SIDE * SCALE + GAP;
        BufferedImage img = new BufferedImage(columns * cell + GAP, rows * cell + GAP, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.getGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < images.length; i++) {
            int x0 = GAP + (i % columns) * cell, y0 = GAP + (i / columns) * cell;
            for (int p = 0; p < Digits.PIXELS; p++) {
                int v = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, images[i][p]))));
                g.setColor(new java.awt.Color(v, v, v));
                g.fillRect(x0 + (p % Digits.SIDE) * SCALE, y0 + (p / Digits.SIDE) * SCALE, SCALE, SCALE);
            }
        }
        g.dispose();
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }

    /** The posterior means' first two coordinates (all of them for K = 2), one colour per digit. */
    static void scatter(VaeModel model, List<Digits.Image> images, Path target) throws IOException {
        System.setProperty("java.awt.headless", "true");
        VaeModel.Posterior q = model.encode(images);
        XYChart chart = new XYChartBuilder().width(700).height(600).xAxisTitle("mu_1").yAxisTitle("mu_2")
                .title("Posterior means of " + images.size() + " test digits (K = " + model.config().latent() + ")").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(6);
        for (int d = 0; d <= 9; d++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i).label() != d) continue;
                xs.add(q.mu()[i][0]);
                ys.add(q.mu()[i].length > 1 ? q.mu()[i][1] : 0.0);
            }
            if (!xs.isEmpty()) chart.addSeries("digit " + d, xs, ys);
        }
        AtomicFiles.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
