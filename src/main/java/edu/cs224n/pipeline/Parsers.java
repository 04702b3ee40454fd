package edu.cs224n.pipeline;

import edu.cs224n.biaffine.BiaffineModel;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.parser.ParserModel;

import java.io.IOException;
import java.nio.file.Path;

/** A parser model file of either kind, loaded as the kind it says it holds (the transition parser or the biaffine one). */
public final class Parsers {
    private Parsers() {}

    public static DependencyParser load(Path file) throws IOException {
        return BiaffineModel.KIND.equals(ModelFile.kind(file)) ? BiaffineModel.load(file) : ParserModel.load(file);
    }

    /** A parser file's bytes (one carried in a pipeline); {@code where} names it in errors. */
    public static DependencyParser load(byte[] file, String where) throws IOException {
        return BiaffineModel.KIND.equals(ModelFile.kind(file, where)) ? BiaffineModel.load(file, where) : ParserModel.load(file, where);
    }
}
