/**
 * The public Java API: what a program embedding the project calls.
 * <ul>
 *   <li>{@link edu.cs224n.api.Pipeline}: raw English text to sentences of tagged, parsed words with character offsets
 *       ({@code Pipeline.load(path).annotate(text)}), or pre-tokenised sentences ({@code parse});</li>
 *   <li>{@link edu.cs224n.api.Parser}: pre-tokenised sentences to trees, from a pipeline file (which tags them) or a parser
 *       model file (words with their tags);</li>
 *   <li>{@link edu.cs224n.api.Training}: training a parser or a tagger from a YAML config, and building a pipeline file.</li>
 * </ul>
 * Results are {@link edu.cs224n.api.Document}s of {@link edu.cs224n.api.AnnotatedSentence}s of {@link edu.cs224n.api.Word}s,
 * and {@link edu.cs224n.api.Document#toConllu()}. {@code Pipeline} and {@code Parser} may be shared by threads: calls on one
 * instance run one at a time. Nothing outside this package is part of the API.
 */
package edu.cs224n.api;
