package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.parallelworktrees.engine.demo.Demo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's report.html opened in a real browser (Debian's headless Chromium): it renders to a PNG, and the DOM the
 * browser built holds the headline, the timeline's SVG with a lane per workstream, and the tables. Skipped, saying
 * why, where Chromium is not installed ({@code apt-get install -y chromium}, or bench/report-in-browser.sh, which
 * installs it). {@code -Dpwt.reportPng=FILE} keeps the screenshot.
 */
class ReportInBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("pwt.chromium", "/usr/bin/chromium"));

    @TempDir
    Path tmp;

    @Test
    void theDemosReportRendersInChromiumWithItsTimelineAndTables() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed: 'apt-get install -y chromium'"
                + " (Debian's package) or bench/report-in-browser.sh installs it; this test opens the report in it");
        Path repository = tmp.resolve("demo");
        Path planFile = Demo.create(repository, Environment.ofThisProcess());
        RunSummary summary = new PlanRunner(PlanParser.read(planFile), repository, Environment.ofThisProcess(),
                Optional.empty(), RunListener.silent()).run();
        RunLayout layout = summary.layout();
        Path report = RunReport.write(layout, Optional.of(Demo.DESIGN)).orElseThrow();

        Path png = tmp.resolve("report.png");
        Browser screenshot = chromium(tmp, "--screenshot=" + png, "--window-size=1280,2000", report.toUri().toString());
        assertThat(screenshot.exit).as("chromium --screenshot: %s", screenshot.stderr).isZero();
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).as("a PNG of a page with text, tables and a drawing").isGreaterThan(30_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
        assertThat(distinctColours(image)).as("more than a blank page").isGreaterThan(50);

        Browser dom = chromium(tmp, "--dump-dom", report.toUri().toString());
        assertThat(dom.exit).as("chromium --dump-dom: %s", dom.stderr).isZero();
        assertThat(dom.stdout).contains("As designed: 4 of 5 workstreams landed; shortcut left out: culprit of the gate",
                "<svg class=\"timeline\"", "data-workstream=\"core\"", "data-workstream=\"shortcut\"",
                "data-lane=\"merges\"", "<polygon class=\"landed\"", "<g class=\"left-out\"",
                "<section id=\"workstreams\"><h2>Workstreams</h2>", "<th>landed</th>", "<section id=\"merges\">",
                "<h2>shortcut</h2>");
        // every link is relative to the run folder and reaches a file there (or an anchor of the page)
        java.util.regex.Matcher href = java.util.regex.Pattern.compile("href=\"([^\"]*)\"").matcher(dom.stdout);
        List<String> files = new ArrayList<>();
        while (href.find()) {
            String target = href.group(1);
            if (!target.startsWith("#")) {
                files.add(target);
                assertThat(layout.root().resolve(target)).as(target).exists();
            }
        }
        assertThat(files).anyMatch(f -> f.matches("merges/wave-2/merge-\\d+/gate-\\d+/gate\\.md"))
                .contains("results/shortcut/worker.log", "results/core/RESULTS.md");
        assertThat(dom.stdout).doesNotContain("<script");
        assertThat(dom.stdout.split("<rect class=\"worker ", -1)).as("a worker bar per workstream").hasSize(6);
        assertThat(dom.stderr).doesNotContain("Content Security Policy", "Uncaught");

        String kept = System.getProperty("pwt.reportPng");
        if (kept != null && !kept.isBlank()) {
            Files.copy(png, Path.of(kept), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private record Browser(int exit, String stdout, String stderr) {
    }

    /** Headless Chromium with a profile of its own in {@code dir}, as root may run it in a container. */
    private static Browser chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
