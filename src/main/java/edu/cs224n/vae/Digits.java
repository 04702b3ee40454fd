package edu.cs224n.vae;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The 8x8 handwritten digits (UCI; {@code corpora/digits/digits.csv.gz}: 64 pixel counts 0..16, then the label), as
 * binary images: a pixel is 1 when at least half of its 4x4 block was on (count >= 8). Binary pixels make p(x|z) a
 * proper Bernoulli likelihood, so every bound below is a bound on a real log-probability (in nats per image).
 */
public final class Digits {
    public static final int SIDE = 8, PIXELS = SIDE * SIDE, ON = 8;

    /** One image: 64 pixels in {0, 1}, row by row, and its digit. */
    public record Image(double[] pixels, int label) {}

    /** A deterministic split of the shuffled images. */
    public record Split(List<Image> train, List<Image> valid, List<Image> test) {}

    private Digits() {}

    public static List<Image> read(Path file) {
        List<Image> images = new ArrayList<>();
        try (Reader r = new InputStreamReader(file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.parse(r)) {
                String where = file + ":" + rec.getRecordNumber();
                if (rec.size() != PIXELS + 1) throw new IllegalArgumentException(where + ": expected 65 comma-separated integers (64 pixels, then the label), got " + rec.size() + " fields");
                double[] pixels = new double[PIXELS];
                for (int i = 0; i < PIXELS; i++) pixels[i] = parse(rec.get(i), 0, 16, where, "pixel " + (i + 1)) >= ON ? 1 : 0;
                images.add(new Image(pixels, parse(rec.get(PIXELS), 0, 9, where, "the label")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) throw new IllegalArgumentException(file + ": no images");
        return images;
    }

    private static int parse(String s, int min, int max, String where, String what) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": " + what + " must be an integer in " + min + ".." + max + ", got '" + s + "'");
    }

    /** Shuffles with {@code seed}, then the first {@code train} images, the next {@code valid}, and the rest as test. */
    public static Split split(List<Image> images, int train, int valid, long seed) {
        if (train + valid >= images.size()) throw new IllegalArgumentException("split: " + train + " + " + valid + " images leave none of " + images.size() + " for test");
        List<Image> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(seed));
        return new Split(List.copyOf(shuffled.subList(0, train)), List.copyOf(shuffled.subList(train, train + valid)),
                List.copyOf(shuffled.subList(train + valid, shuffled.size())));
    }

    /**
     * The independent-pixel Bernoulli baseline: each pixel's probability of being on in {@code train} (add-one
     * smoothed), and the mean log-likelihood of {@code test} under it, in nats per image.
     */
    public static double independentPixelLogLikelihood(List<Image> train, List<Image> test) {
        double[] p = new double[PIXELS];
        for (Image im : train) for (int i = 0; i < PIXELS; i++) p[i] += im.pixels()[i];
        for (int i = 0; i < PIXELS; i++) p[i] = (p[i] + 1) / (train.size() + 2);
        double sum = 0;
        for (Image im : test) for (int i = 0; i < PIXELS; i++) sum += Math.log(im.pixels()[i] == 1 ? p[i] : 1 - p[i]);
        return sum / test.size();
    }
}
