package dev.explorer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsLoadAndValidate() {
        ExplorerConfig loaded = ConfigLoader.builder().load();
        assertEquals(ExplorerConfig.defaults(), loaded);
        assertEquals(ExplorerConfig.defaults(), ConfigLoader.check(ExplorerConfig.defaults()));
        assertEquals(15, loaded.reward().k());
        assertEquals(List.of(0.8, 0.1, 0.1), loaded.sampler().tierMasses());
    }

    @Test
    void cpuPresetIsTheDefaults() {
        assertEquals(ExplorerConfig.defaults(), ConfigLoader.preset("cpu"));
    }

    @Test
    void paperPresetHoldsThePaperValues() {
        ExplorerConfig p = ConfigLoader.preset("paper");
        assertEquals(256, p.search().queriesPerIteration());
        assertEquals(100, p.search().resultsPerQuery());
        assertEquals(15, p.reward().k());
        assertEquals(10, p.reward().topN());
        assertEquals(10, p.train().epochsPerIteration());
        assertEquals(224, p.train().batchSize());
        assertEquals(TrainConfig.Optimizer.LARS, p.train().optimizer());
        assertEquals(0.8 * 224 / 256, p.train().lr(), 1e-12);
        assertEquals(0.9985, p.train().momentumEma());
        assertEquals(1.0, p.train().temperature());
        assertEquals(2.0, p.train().pcr());
        assertEquals(0.5, p.train().replayKeep());
        assertEquals(EncoderConfig.Backbone.RESNET50, p.encoder().backbone());
        assertEquals(224, p.encoder().imageSize());
        assertEquals(List.of(250, 1000), p.sampler().tierBounds());
        assertEquals(3.0, p.sampler().softmaxRange());
        assertEquals(0.5, p.sampler().labelSetShare());
        assertEquals(0.10, p.vocab().labelSetKeep());
        assertEquals(40, p.run().iterations());
        assertEquals(0.0, p.reward().whiten(), "the paper's reward is a plain cosine");
        assertEquals(0.0, p.reward().contrast(), "the paper subtracts nothing");
        assertEquals(0, p.reward().backgroundSize());
    }

    @Test
    void theCpuPresetWhitensTheRewardAgainstTheFirstIterationsImages() {
        ExplorerConfig cpu = ConfigLoader.preset("cpu");
        assertEquals(0.1, cpu.reward().whiten());
        assertEquals(640, cpu.reward().backgroundSize());
        assertEquals(0.0, cpu.reward().contrast());
        assertTrue(cpu.reward().center());
    }

    @Test
    void demoPresetIsSmallerThanTheDefaults() {
        ExplorerConfig d = ConfigLoader.preset("demo");
        ExplorerConfig c = ExplorerConfig.defaults();
        assertTrue(d.run().iterations() < c.run().iterations());
        assertTrue(d.search().queriesPerIteration() < c.search().queriesPerIteration());
        assertTrue(d.train().epochsPerIteration() <= c.train().epochsPerIteration());
        assertEquals("demo", d.run().name());
        assertTrue(d.vocab().lexicalFiles().contains("noun.animal"));
    }

    @Test
    void layersApplyInOrderDefaultsPresetFileSet() throws IOException {
        Path f = write("layer.yaml", """
                train:
                  lr: 0.5
                  batchSize: 100
                search:
                  resultsPerQuery: 50
                """);
        // preset alone
        assertEquals(0.7, ConfigLoader.builder().preset("paper").load().train().lr(), 1e-12);
        // the file beats the preset, keys the file does not name keep the preset's value
        ExplorerConfig withFile = ConfigLoader.builder().preset("paper").file(f).load();
        assertEquals(0.5, withFile.train().lr());
        assertEquals(100, withFile.train().batchSize());
        assertEquals(256, withFile.search().queriesPerIteration());
        assertEquals(0.9985, withFile.train().momentumEma());
        // --set beats the file; later --set beats earlier --set
        ExplorerConfig withSet = ConfigLoader.builder().preset("paper").file(f)
                .set("train.lr=0.25").set("train.batchSize=7").set("train.batchSize=8").load();
        assertEquals(0.25, withSet.train().lr());
        assertEquals(8, withSet.train().batchSize());
        assertEquals(50, withSet.search().resultsPerQuery());
        // without a preset the file layers over the defaults
        assertEquals(32, ConfigLoader.builder().file(f).load().search().queriesPerIteration());
    }

    @Test
    void jsonFilesWorkToo() throws IOException {
        Path f = write("c.json", "{\"reward\": {\"k\": 5}, \"run\": {\"name\": \"pets\"}}");
        ExplorerConfig c = ConfigLoader.builder().file(f).load();
        assertEquals(5, c.reward().k());
        assertEquals("pets", c.run().name());
    }

    @Test
    void setParsesListsBooleansEnumsAndEmptyOptionals() {
        ExplorerConfig c = ConfigLoader.builder()
                .set("vocab.lexicalFiles=noun.animal,noun.food")
                .set("sampler.tierBounds=[100, 500]")
                .set("eval.linearProbe=false")
                .set("train.optimizer=LARS")
                .set("run.cacheDir=")
                .set("train.lr=1e-3")
                .load();
        assertEquals(List.of("noun.animal", "noun.food"), c.vocab().lexicalFiles());
        assertEquals(List.of(100, 500), c.sampler().tierBounds());
        assertEquals(false, c.eval().linearProbe());
        assertEquals(TrainConfig.Optimizer.LARS, c.train().optimizer());
        assertNull(c.run().cacheDir());
        assertEquals(0.001, c.train().lr());
    }

    @Test
    void unknownKeyIsRejectedWithTheNearestValidKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("train.lrr=0.1").load());
        ConfigProblem p = only(e);
        assertEquals("train.lrr", p.path());
        assertTrue(p.fix().contains("did you mean 'train.lr'"), p.fix());
        assertTrue(p.source().contains("--set"), p.source());
    }

    @Test
    void unknownKeyInAFileNamesTheFileAndSuggests() throws IOException {
        Path f = write("typo.yaml", """
                train:
                  batch_size: 32
                rewards:
                  k: 3
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.builder().file(f).load());
        assertEquals(2, e.problems().size(), e.getMessage());
        ConfigProblem a = e.problems().get(0);
        assertEquals("train.batch_size", a.path());
        assertTrue(a.fix().contains("'train.batchSize'"), a.fix());
        assertTrue(a.source().contains("typo.yaml"), a.source());
        ConfigProblem b = e.problems().get(1);
        assertEquals("rewards", b.path());
        assertTrue(b.fix().contains("'reward'"), b.fix());
    }

    @Test
    void keyInTheWrongSectionSuggestsTheRightOne() {
        ConfigProblem p = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().set("train.k=3").load()));
        assertTrue(p.fix().contains("'reward.k'"), p.fix());
    }

    @Test
    void outOfRangeNamesPathValueAndRange() {
        ConfigProblem p = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("train.momentumEma=1.5").load()));
        assertEquals("train.momentumEma", p.path());
        assertTrue(p.problem().contains("1.5") && p.problem().contains("[0, 1]"), p.problem());
        ConfigProblem q = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("train.lr=0").load()));
        assertTrue(q.problem().contains("(0, 100]"), q.problem());
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        ConfigProblem p = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("search.resultsPerQuery=lots").load()));
        assertEquals("search.resultsPerQuery", p.path());
        assertTrue(p.problem().contains("expected a whole number") && p.problem().contains("'lots'"), p.problem());
        ConfigProblem q = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("search.resultsPerQuery=2.5").load()));
        assertTrue(q.problem().contains("2.5"), q.problem());
        ConfigProblem r = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("eval.linearProbe=maybe").load()));
        assertTrue(r.problem().contains("true or false"), r.problem());
    }

    @Test
    void badEnumSuggestsAChoice() {
        ConfigProblem p = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("encoder.backbone=resnet51").load()));
        assertTrue(p.fix().contains("'resnet50'") && p.fix().contains("resnet-small"), p.fix());
    }

    @Test
    void missingFolderAndFileAreReportedWithTheFix() {
        Path nowhere = tmp.resolve("no-such-folder");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.builder()
                .set("target.dir=" + nowhere).set("target.labels=" + tmp.resolve("labels.csv")).load());
        assertEquals(2, e.problems().size());
        assertEquals("target.dir", e.problems().get(0).path());
        assertTrue(e.problems().get(0).problem().contains("does not exist"));
        assertTrue(e.problems().get(0).fix().contains("target.dir"));
        assertEquals("target.labels", e.problems().get(1).path());
        // a file where a folder is expected
        Path file = tmp.resolve("x.txt");
        assertThrows(ConfigException.class, () -> {
            Files.writeString(file, "x");
            ConfigLoader.builder().set("target.dir=" + file).load();
        });
        // an existing folder passes; path checks can be turned off for printing
        assertEquals(tmp, ConfigLoader.builder().set("target.dir=" + tmp).load().target().dir());
        assertEquals(nowhere, ConfigLoader.builder().set("target.dir=" + nowhere).checkPaths(false).load().target().dir());
    }

    @Test
    void requiredValueCannotBeEmptied() {
        ConfigProblem p = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().set("run.name=").load()));
        assertEquals("run.name", p.path());
        assertTrue(p.problem().contains("must be set"), p.problem());
    }

    @Test
    void crossFieldRulesAreChecked() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("sampler.tierMasses=0.5,0.1").load());
        assertEquals(2, e.problems().size(), e.getMessage()); // wrong count and wrong sum
        ConfigProblem p = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("search.minResults=30").load()));
        assertEquals("search.minResults", p.path());
        assertTrue(p.fix().contains("20"), p.fix());
        ConfigProblem w = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("reward.whiten=0.1").set("reward.backgroundSize=0").load()));
        assertEquals("reward.whiten", w.path());
        assertTrue(w.fix().contains("reward.backgroundSize") && w.fix().contains("reward.whiten=0"), w.fix());
        ConfigException both = assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().set("reward.whiten=0.1").set("reward.contrast=0.5").set("reward.backgroundSize=0").load());
        assertEquals(List.of("reward.whiten", "reward.contrast"), both.problems().stream().map(ConfigProblem::path).toList(),
                both.getMessage());
        assertEquals(0.3, ConfigLoader.builder().set("reward.whiten=0.3").load().reward().whiten(), 0.0);
    }

    @Test
    void everyProblemIsReportedInOneRound() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.builder()
                .set("train.lrr=1").set("train.lr=-1").set("encoder.backbone=x").set("nope=1").load());
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void badFilesAreExplained() throws IOException {
        ConfigProblem missing = only(assertThrows(ConfigException.class,
                () -> ConfigLoader.builder().file(tmp.resolve("absent.yaml")).load()));
        assertTrue(missing.problem().contains("does not exist"), missing.problem());
        Path broken = write("broken.yaml", "train:\n  lr: [0.1\n");
        ConfigProblem syntax = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().file(broken).load()));
        assertTrue(syntax.problem().contains("line"), syntax.problem());
        Path list = write("list.yaml", "- a\n- b\n");
        ConfigProblem top = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().file(list).load()));
        assertTrue(top.problem().contains("top level"), top.problem());
        Path flat = write("flat.yaml", "train: 3\n");
        ConfigProblem section = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().file(flat).load()));
        assertEquals("train", section.path());
    }

    @Test
    void unknownPresetSuggests() {
        ConfigProblem p = only(assertThrows(ConfigException.class, () -> ConfigLoader.builder().preset("papr").load()));
        assertTrue(p.fix().contains("'paper'"), p.fix());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "paper", "demo"})
    void showOutputLoadsBackToTheSameConfig(String preset) throws IOException {
        ExplorerConfig c = ConfigLoader.preset(preset);
        Path f = write(preset + ".yaml", ConfigLoader.toYaml(c));
        assertEquals(c, ConfigLoader.builder().file(f).load());
    }

    @Test
    void roundTripKeepsTrickyValues() throws IOException {
        ExplorerConfig c = ConfigLoader.builder().set("run.name=123").set("run.cacheDir=" + tmp.resolve("my cache"))
                .set("vocab.descriptorEndpoint=http://127.0.0.1:9/v1").set("train.weightDecay=1.0E-7")
                .set("vocab.lexicalFiles=noun.animal").set("target.dir=" + tmp).load();
        assertEquals("123", c.run().name());
        String yaml = ConfigLoader.toYaml(c);
        ExplorerConfig back = ConfigLoader.builder().file(write("t.yaml", yaml)).load();
        assertEquals(c, back);
        assertNotEquals(ExplorerConfig.defaults(), back);
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static ConfigProblem only(ConfigException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }
}
