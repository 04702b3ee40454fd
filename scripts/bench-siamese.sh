#!/usr/bin/env bash
# Siamese-network benchmarks; writes results/siamese.md and results/siamese-*.png.
#  1. input vectors: `vectors train` (DL4J word2vec, lowercased Brown train/valid/test + EWT train, dim 100, 15 epochs);
#  2. `siamese train` with conf/siamese-wordnet.yaml (contrastive loss: WordNet synonyms attract, antonyms and random
#     pairs repel), a deeper variant, conf/siamese-preserve.yaml (a linear map held near the identity) and
#     conf/siamese-seed.yaml (the midterm's objective on synonyms only);
#  3. `siamese neighbors` for a few words, before and after;
#  4. `siamese pseudo` (midterm question 6: W1 sigmoid vs W2 ReLU) with SGD and with Adam;
#  5. `siamese ceiling`: what the same vectors and pairs allow any method (retrofitting, free pair classifiers);
#  6. with WIKI=vectors.txt (conf/vectors-wiki.yaml's Wikipedia vectors): the specialisation on real vectors, SimLex-999
#     and words never seen in training (30% of SimLex's words in no pair): explicit retrofitting
#     (conf/siamese-explicit-retrofit.yaml, and with preserve 5), Attract-Repel (conf/siamese-attract-repel.yaml),
#     post-specialisation (conf/siamese-post-specialisation.yaml), and `siamese ceiling` on those vectors (retrofitting
#     and per-word Attract-Repel on every pair, one classifier split). Runs whose run.json exists are kept.
# Usage: scripts/bench-siamese.sh [--report]   (--report only rebuilds the report from runs/bench-siamese)
#        PART=brown|wiki scripts/bench-siamese.sh   (one part only: the two can run at once, then --report)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
OUT=runs/bench-siamese
REPORT=results/siamese.md
mkdir -p "$OUT" results
MODE="${1:-}"

PART="${PART:-all}"
WIKI="${WIKI:-}"
timed() { local name=$1; shift; local t0=$(date +%s); "$@" > "$OUT/$name.log" 2>&1; echo $(( $(date +%s) - t0 )) > "$OUT/$name.seconds"; }
# One `siamese train` run, "NAME:CONF:KEY=VALUE" (the override optional), on the vectors VECTORS.
siamese_run() {
  local name conf extra
  IFS=: read -r name conf extra <<< "$1"
  echo "== siamese train $name"
  set -- --config "conf/$conf.yaml" --output "$OUT/$name" --set "vectors=$2" --no-progress
  [ -n "$extra" ] && set -- "$@" --set "$extra"
  rm -rf "${OUT:?}/$name"
  timed "train-$name" java -jar "$JAR" siamese train "$@"
  grep -A16 "^| benchmark" "$OUT/train-$name.log" || tail -5 "$OUT/train-$name.log"
}
if [ "$MODE" != "--report" ]; then
  JAR="$OUT/bench-$PART.jar"
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$JAR" # a copy: a rebuild cannot change the running jar
  { git rev-parse --short=12 HEAD; git diff --quiet HEAD -- src pom.xml conf || echo "(with uncommitted changes)"; } > "$OUT/commit-$PART"
fi
if [ "$MODE" != "--report" ] && [ "$PART" != "brown" ] && [ -n "$WIKI" ]; then
  # A run whose run.json exists is kept (delete its folder to redo it).
  for run in wiki-er:siamese-explicit-retrofit: wiki-er-preserve5:siamese-explicit-retrofit:preserve=5.0 \
             wiki-er-all:siamese-explicit-retrofit:max_rank=0 wiki-ar:siamese-attract-repel: wiki-post:siamese-post-specialisation:; do
    [ -f "$OUT/${run%%:*}/run.json" ] && { echo "== ${run%%:*}: kept"; continue; }
    siamese_run "$run" "$WIKI"
  done
  echo "== siamese ceiling (Wikipedia vectors)"
  [ -f "$OUT/wiki-ceiling/run.json" ] || timed wiki-ceiling java -jar "$JAR" siamese ceiling --output "$OUT/wiki-ceiling" --set "vectors=$WIKI" \
      --set siamese_config=conf/siamese-explicit-retrofit.yaml --set splits=1 --set epochs=10 --no-progress
  tail -8 "$OUT/wiki-ceiling.log"
fi

if [ "$MODE" != "--report" ] && [ "$PART" != "wiki" ]; then
  echo "== vectors train"
  timed vectors java -jar "$JAR" vectors train --config conf/vectors-100.yaml --output "$OUT/vectors.txt"
  tail -1 "$OUT/vectors.log"
  for run in contrastive:siamese-wordnet: deep:siamese-wordnet:layers=[300,300] preserve:siamese-preserve: seed:siamese-seed:; do
    siamese_run "$run" "$OUT/vectors.txt"
  done
  java -jar "$JAR" siamese neighbors --model "$OUT/contrastive/model.zip" --k 8 \
      --word good --word big --word happy --word cold --word king --word buy > "$OUT/neighbors.txt" 2>&1
  for opt in sgd:0.5 adam:0.001; do
    IFS=: read -r name lr <<< "$opt"
    echo "== siamese pseudo --optimizer $name"
    rm -rf "${OUT:?}/pseudo-$name"
    timed "pseudo-$name" java -jar "$JAR" siamese pseudo --output "$OUT/pseudo-$name" --set "vectors=$OUT/vectors.txt" --set "optimizer=$name" --set "learning_rate=$lr"
    tail -4 "$OUT/pseudo-$name.log"
  done
  echo "== siamese ceiling"
  rm -rf "${OUT:?}/ceiling"
  timed ceiling java -jar "$JAR" siamese ceiling --output "$OUT/ceiling" --set "vectors=$OUT/vectors.txt"
  tail -8 "$OUT/ceiling.log"
fi

cp "$OUT/pseudo-sgd/accuracy.png" results/siamese-pseudo-accuracy-sgd.png
cp "$OUT/pseudo-sgd/updates.png" results/siamese-pseudo-updates-sgd.png
cp "$OUT/pseudo-adam/accuracy.png" results/siamese-pseudo-accuracy-adam.png
cp "$OUT/seed/curve.png" results/siamese-seed-collapse.png
cp "$OUT/contrastive/curve.png" results/siamese-contrastive-curve.png

python3 - "$OUT" "$REPORT" <<'PY'
import csv, json, os, sys, datetime
out, report = sys.argv[1], sys.argv[2]
def read(p):
    return open(os.path.join(out, p)).read() if os.path.exists(os.path.join(out, p)) else ""
def secs(name):
    s = read(name + ".seconds").strip()
    return "%d s" % int(s) if s else "?"
commit = "; ".join("%s part %s" % (p, read("commit-" + p).strip().replace("\n", " ")) for p in ("all", "brown", "wiki") if read("commit-" + p)) or "unknown"
machine = json.loads(read("contrastive/run.json") or "{}").get("machine", "2 cores, no GPU")
L = ["# Siamese networks: measured figures", "",
     "Commit %s; written %s by `scripts/bench-siamese.sh`. Machine: %s. Every figure below comes from the run folders "
     "under `runs/bench-siamese` (report.md, metrics.csv, run.json)." % (commit, datetime.date.today().isoformat(), machine), "",
]
WIKI_RUNS = [("wiki-er", "explicit retrofitting"), ("wiki-er-preserve5", "explicit retrofitting, preserve 5"),
             ("wiki-er-all", "explicit retrofitting, pairs of every word"), ("wiki-ar", "Attract-Repel"), ("wiki-post", "post-specialisation")]
wiki = {n: json.loads(read("%s/run.json" % n) or "{}") for n, _ in WIKI_RUNS}
if any(wiki.values()):
    wceil = json.loads(read("wiki-ceiling/run.json") or "{}").get("metrics", {})
    def rho(run, space, bench):
        try:
            return run[space][bench]["rho"]
        except KeyError:
            return float("nan")
    def wgain(run, bench):
        return rho(run, "after_cosine", bench) - rho(run, "before_cosine", bench)
    def ref(prefix, bench):
        # the setting (alpha or rate) with the best SimLex gain, then its figure on this benchmark
        settings = [k[len(prefix):-len("_simlex-999")] for k in wceil if k.startswith(prefix) and k.endswith("_simlex-999")]
        if not settings:
            return float("nan")
        best = max(settings, key=lambda x: wceil[prefix + x + "_simlex-999"])
        return wceil.get(prefix + best + "_" + bench, float("nan")) - wceil["input_" + bench]
    some = next(r for r in wiki.values() if r)
    L += ["## Specialisation of the Wikipedia vectors: SimLex-999 and words never seen in training", "",
          "Input: `vectors train --config conf/vectors-wiki.yaml` (DL4J word2vec, skip-gram, 300-d, Wikipedia + Brown + EWT). "
          "WordNet pairs among the 50,000 most frequent words, split by word (dev and test words in no training pair); 30% of "
          "SimLex-999's words are drawn, as whole SimLex pairs, and every pair that mentions one is dropped (the lexically "
          "disjoint setting; each run writes `disjoint-words.txt` and `train-pairs.tsv`, and checks that no training pair "
          "mentions a disjoint word). Similarity in the learned space is the cosine, which is what both objectives train; "
          "each cell gives the cosine's figure, then in brackets that of the negative Euclidean distance between the map's "
          "(unnormalised) outputs; the verdicts are the cosine's.", "",
          "| target | explicit retrofitting | preserve 5 | pairs of every word (max_rank 0) | Attract-Repel | post-specialisation | per-word reference (every WordNet word, disjoint words included; the setting best on SimLex) | verdict (cosine) |",
          "|---|---:|---:|---:|---:|---:|---:|---|"]
    def euclid(run, bench):
        return rho(run, "after_euclidean", bench) - rho(run, "before_cosine", bench)
    def row(label, values, reference, ok, bench=None, threshold=None):
        cells = ["%+.4f" % v for v in values] if bench is None else ["%+.4f (%+.4f)" % (v, euclid(wiki[n], bench)) for v, (n, _) in zip(values, WIKI_RUNS)]
        verdict = "**not met**"
        if threshold is not None:
            met = [t for v, (_, t) in zip(values, WIKI_RUNS) if v >= threshold]
            verdict = "met by " + ", ".join(met) if met else verdict
        return "| %s | %s | %s | %s |" % (label, " | ".join(cells), reference, verdict)
    g = [wgain(wiki[n], "simlex-999") for n, _ in WIKI_RUNS]
    L.append(row("SimLex-999 rho gain >= +0.15, all pairs (input %.4f)" % rho(some, "before_cosine", "simlex-999"), g,
                 "%+.4f retrofitting, %+.4f Attract-Repel per word" % (ref("retrofit_", "simlex-999"), ref("attract_repel_", "simlex-999")), max(g) >= 0.15, "simlex-999", 0.15))
    g = [wgain(wiki[n], "simlex-999 disjoint") for n, _ in WIKI_RUNS]
    L.append(row("SimLex-999 rho gain >= +0.06, disjoint pairs (%s pairs, input %.4f)" % (some.get("before_cosine", {}).get("simlex-999 disjoint", {}).get("covered"),
                 rho(some, "before_cosine", "simlex-999 disjoint")), g, "n/a (no per-word method moves them)", max(g) >= 0.06, "simlex-999 disjoint", 0.06))
    for bench, label in (("ws353-all", "WS353"), ("men", "MEN")):
        g = [wgain(wiki[n], bench) for n, _ in WIKI_RUNS]
        L.append(row("%s drop <= 0.03 (input %.4f)" % (label, rho(some, "before_cosine", bench)), g,
                     "%+.4f retrofitting, %+.4f Attract-Repel per word" % (ref("retrofit_", bench), ref("attract_repel_", bench)), max(g) >= -0.03, bench, -0.03))
    auc = [wiki[n].get("after_cosine", {}).get("test_auc_syn_ant", float("nan")) for n, _ in WIKI_RUNS]
    # a run with other pair words (max_rank) has another test split, so its own input figure is given beside it
    auc_in = [wiki[n].get("before_cosine", {}).get("test_auc_syn_ant", float("nan")) for n, _ in WIKI_RUNS]
    own = lambda k: "" if abs(auc_in[k] - some.get("before_cosine", {}).get("test_auc_syn_ant", 0)) < 1e-9 else " (its split's input: %.4f)" % auc_in[k]
    free = max([v for k, v in wceil.items() if k.startswith("mean_test_auc_syn_ant_")] or [float("nan")])
    L.append("| held-out synonym-vs-antonym AUC >= 0.85 (input %.4f) | %s | %.4f (best free pair classifier) | %s |" % (
        some.get("before_cosine", {}).get("test_auc_syn_ant", float("nan")), " | ".join("%.4f%s" % (a, own(k)) for k, a in enumerate(auc)), free, "met" if max(auc) >= 0.85 else "**not met**"))
    ran = [(n, t) for n, t in WIKI_RUNS if wiki[n]]
    best_all = max(ran, key=lambda r: wgain(wiki[r[0]], "simlex-999"))
    best_dis = max(ran, key=lambda r: wgain(wiki[r[0]], "simlex-999 disjoint"))
    keeps = [t for n, t in ran if wgain(wiki[n], "ws353-all") >= -0.03 and wgain(wiki[n], "men") >= -0.03]
    euc_dis = max(ran, key=lambda r: euclid(wiki[r[0]], "simlex-999 disjoint"))
    euc_all = max(ran, key=lambda r: euclid(wiki[r[0]], "simlex-999"))
    L += ["", "Summary (cosine): the largest SimLex gain on all pairs is %+.4f (%s), on the disjoint pairs %+.4f (%s). "
          "Runs within 0.03 of the input on both WS353 and MEN: %s. The per-word references may move every WordNet word "
          "on its own, benchmark words included (no disjoint words), so they bound what these 300-d vectors and WordNet's "
          "pairs can give the benchmarks." % (wgain(wiki[best_all[0]], "simlex-999"), best_all[1], wgain(wiki[best_dis[0]], "simlex-999 disjoint"),
          best_dis[1], ", ".join(keeps) or "none"), "",
          "With the negative Euclidean distance instead: all pairs %+.4f (%s), disjoint pairs %+.4f (%s), with WS353 %+.4f and MEN %+.4f "
          "in that run." % (euclid(wiki[euc_all[0]], "simlex-999"), euc_all[1], euclid(wiki[euc_dis[0]], "simlex-999 disjoint"), euc_dis[1],
          euclid(wiki[euc_dis[0]], "ws353-all"), euclid(wiki[euc_dis[0]], "men")), "",
          "### SimLex-999 by word class (cosine)", "", "| class | pairs | input | " + " | ".join(t for _, t in WIKI_RUNS) + " |", "|---|---:|---:|" + "---:|" * len(WIKI_RUNS)]
    for bench in ("simlex-999 A", "simlex-999 N", "simlex-999 V", "simlex-999 trained", "simlex-999 disjoint", "simlex-999"):
        L.append("| %s | %s | %.4f | %s |" % (bench.replace("simlex-999", "SimLex").strip() or "all", some.get("before_cosine", {}).get(bench, {}).get("covered"),
                 rho(some, "before_cosine", bench), " | ".join("%.4f" % rho(wiki[n], "after_cosine", bench) for n, _ in WIKI_RUNS)))
    L += ["", "(A, N, V: SimLex's adjective, noun and verb pairs; trained: pairs whose two words are in training pairs; disjoint: pairs whose two words are in none.)", ""]
    for name, title in WIKI_RUNS:
        log = read("train-%s.log" % name)
        run = wiki[name]
        conf = {"wiki-ar": "siamese-attract-repel.yaml", "wiki-post": "siamese-post-specialisation.yaml"}.get(name, "siamese-explicit-retrofit.yaml")
        L += ["### %s (`siamese train --config conf/%s --output runs/bench-siamese/%s --set vectors=WIKI%s`)" % (title, conf, name,
              {"wiki-er-preserve5": " --set preserve=5.0", "wiki-er-all": " --set max_rank=0"}.get(name, "")), ""]
        split = [l for l in log.splitlines() if l.startswith(("vectors:", "disjoint:", "shared map", "per-word")) or l.startswith("  ") and "words" in l]
        L += ["```"] + split + ["```", ""]
        i = log.find("| benchmark")
        L += [log[i:log.find("(mean_dist")].strip() if i >= 0 else "(no report)", ""]
        j = log.find("| benchmark | per-word")
        if j >= 0:
            L += ["The same per-word vectors with every other word left as the input had it (what the map adds, by difference):", "",
                  log[j:log.find("\nmodel:", j) if log.find("\nmodel:", j) >= 0 else len(log)].strip(), ""]
        L += ["Best epoch %s of %s; training %.0f s (wall of the whole command %s)." % (run.get("best_epoch"), run.get("epochs"),
              run.get("train_seconds", 0), secs("train-" + name)), ""]
    L += ["### References on the Wikipedia vectors (`siamese ceiling`, wall %s)" % secs("wiki-ceiling"), ""]
    L += [l.replace("## ", "#### ") for l in read("wiki-ceiling/report.md").strip().splitlines()] + [""]

L += ["## Brown input vectors (the first Siamese work)", "", "`vectors train --config conf/vectors-100.yaml` (100-d, 15 epochs, min count 3, lowercased) on Brown (train, valid, test) "
      "and EWT train: " + (read("vectors.log").strip().splitlines() or ["?"])[-1] + " (wall %s)." % secs("vectors"), ""]
L += ["## Targets of the first Siamese work (Brown vectors)", "",
      "| target | contrastive (default config) | deep | preserve | reference free of the map (ceiling) | verdict |", "|---|---:|---:|---:|---:|---|"]
RUNS = ("contrastive", "deep", "preserve")
runs = {n: json.loads(read("%s/run.json" % n) or "{}") for n in RUNS}
ceiling = json.loads(read("ceiling/run.json") or "{}").get("metrics", {})
def best_retrofit(bench):
    gains = [v - ceiling["input_" + bench] for k, v in ceiling.items() if k.startswith("retrofit_") and k.endswith("_" + bench)]
    return max(gains) if gains else float("nan")
def gain(run, bench):
    try:
        return run["after_euclidean"][bench]["rho"] - run["before_cosine"][bench]["rho"]
    except KeyError:
        return float("nan")
for bench in ("ws353-all", "ws353-sim", "ws353-rel", "men"):
    g = [gain(runs[n], bench) for n in RUNS]
    L.append("| %s rho gain >= +0.15 | %+.4f | %+.4f | %+.4f | %+.4f (best retrofitting) | %s |" % ((bench,) + tuple(g) + (best_retrofit(bench), "met" if max(g) >= 0.15 else "**not met**")))
auc = [runs[n].get("after_euclidean", {}).get("test_auc_syn_ant", float("nan")) for n in RUNS]
before = runs["contrastive"].get("before_cosine", {}).get("test_auc_syn_ant", float("nan"))
free = max([v for k, v in ceiling.items() if k.startswith("mean_test_auc_syn_ant_")] or [float("nan")])
L.append("| synonym-vs-antonym AUC >= 0.85 (input vectors: %.4f) | %.4f | %.4f | %.4f | %.4f (best pair classifier, mean of 5 splits) | %s |" % ((before,) + tuple(auc) + (free, "met" if max(auc) >= 0.85 else "**not met**")))
L += ["", "The ceiling column is not a Siamese map: retrofitting gives every WordNet word its own update (benchmark words "
      "included), and the pair classifiers may learn any function of a pair. Both are freer than one shared map, so they "
      "show what these vectors and pairs carry; neither comes near the targets. See the last section.", ""]
titles = {"contrastive": "Contrastive loss, `conf/siamese-wordnet.yaml` (one tanh layer of 300)",
          "deep": "Contrastive loss, two tanh layers of 300 (`--set layers=[300,300]`)",
          "preserve": "Contrastive loss held near the identity, `conf/siamese-preserve.yaml` (linear map, preserve 1.0)",
          "seed": "The midterm's objective on synonyms only, `conf/siamese-seed.yaml` (sigmoid layer of 100)"}
for name, title in titles.items():
    log = read("train-%s.log" % name)
    L += ["## " + title, ""]
    split = [l for l in log.splitlines() if l.startswith("vectors:") or l.startswith("  ") and "words" in l]
    L += ["```"] + split + ["```", ""]
    i = log.find("| benchmark")
    L += [log[i:log.find("(mean_dist")].strip() if i >= 0 else "(no report)", ""]
    run = json.loads(read("%s/run.json" % name) or "{}")
    L += ["Best epoch %s of %s; training %.0f s (wall of the whole command %s)." % (run.get("best_epoch"), run.get("epochs"),
          run.get("train_seconds", 0), secs("train-" + name)), ""]
    if name == "seed":
        rows = list(csv.DictReader(open(os.path.join(out, "seed/metrics.csv"))))
        L += ["Mean Euclidean distance in the learned space (dev words) per epoch: synonym pairs and random pairs shrink together.", "",
              "| epoch | train loss | synonym pairs | random pairs | dev AUC syn vs random |", "|---:|---:|---:|---:|---:|"]
        for r in rows:
            L.append("| %s | %.5f | %.5f | %.5f | %.4f |" % (r["epoch"], float(r["train_loss"]), float(r["dev_mean_dist_syn"]),
                     float(r["dev_mean_dist_random"]), float(r["dev_auc_syn_random"])))
        L += ["", "![seed objective](siamese-seed-collapse.png)", ""]
L += ["## Nearest neighbours (contrastive model)", "", "```", read("neighbors.txt").strip(), "```", ""]
for name in ["sgd", "adam"]:
    L += ["## Pseudo-Siamese classifier, %s (midterm question 6)" % name.upper(), ""]
    log = read("pseudo-%s.log" % name)
    L += ["```"] + [l for l in log.splitlines() if l.startswith("words:") or "test accuracy after" in l] + ["```"]
    i = log.find("Pseudo-Siamese net")
    L += [log[i:].strip() if i >= 0 else "(no report)", "", "Wall %s for the three runs." % secs("pseudo-" + name), ""]
L += ["![accuracy, SGD](siamese-pseudo-accuracy-sgd.png)", "", "![updates, SGD](siamese-pseudo-updates-sgd.png)", "",
      "![accuracy, Adam](siamese-pseudo-accuracy-adam.png)", ""]
L += ["## What these vectors and WordNet pairs allow at all (`siamese ceiling`, wall %s)" % secs("ceiling"), "",
      "`java -jar target/cs224n-dl4j.jar siamese ceiling --output runs/bench-siamese/ceiling --set vectors=runs/bench-siamese/vectors.txt`", ""]
L += [l.replace("## ", "### ") for l in read("ceiling/report.md").strip().splitlines()] + [""]
open(report, "w").write("\n".join(L) + "\n")
print("wrote", report)
PY
