package edu.cs224n.lm;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.DataRoot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The train, valid and (optional, else null) test texts of a config, at its level and split. */
public record LmData(List<List<String>> train, List<List<String>> valid, List<List<String>> test, Map<String, Path> files) {

    public static LmData load(LmConfig c) {
        Path train = DataRoot.resolve(c.train());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", train);
        List<List<String>> tr, va;
        if (c.split() > 0) {
            tr = LmText.read(train, c.level(), 0, c.split());
            va = LmText.read(train, c.level(), c.split(), 1);
        } else {
            Path valid = DataRoot.resolve(c.valid());
            files.put("valid", valid);
            tr = LmText.read(train, c.level(), 0, 1);
            va = LmText.read(valid, c.level(), 0, 1);
        }
        List<List<String>> te = null;
        if (c.test() != null && !c.test().isBlank()) {
            if (!DataRoot.exists(c.test())) {
                throw new ConfigException("test: no such file " + DataRoot.resolve(c.test()) + " (leave test empty to train without one)");
            }
            Path test = DataRoot.resolve(c.test());
            files.put("test", test);
            te = LmText.read(test, c.level(), 0, 1);
        }
        return new LmData(tr, va, te, files);
    }
}
