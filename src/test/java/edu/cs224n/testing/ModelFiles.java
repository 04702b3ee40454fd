package edu.cs224n.testing;

import edu.cs224n.io.ModelFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Model files as other versions wrote them. */
public final class ModelFiles {
    private ModelFiles() {}

    /** Copies a model file with its manifest replaced ({@code manifest}) or removed (null: a format-1 file, as the project wrote before the manifest). */
    public static void rewrite(Path from, Path to, String manifest) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from)); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(ModelFile.MANIFEST)) {
                    if (manifest == null) continue;
                    bytes = manifest.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
