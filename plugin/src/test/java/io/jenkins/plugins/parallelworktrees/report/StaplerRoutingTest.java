package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.ModelObject;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Every page of the report is reachable in Jenkins: Stapler routes a URL segment to a getter only when jenkins
 * core's TypedFilter accepts the getter's return type ({@link StaplerRouting} states the rule, with its lines).
 */
class StaplerRoutingTest {

    /** {@code href="segment/..."}: a link into a sub-page of the object the view shows. */
    private static final Pattern RELATIVE_HREF = Pattern.compile("href=\"([A-Za-z][A-Za-z0-9]*)/");

    /** A type with plain getters and an index.jelly, as ResultsPage was: TypedFilter routes nothing to it. */
    public static final class OnlyAView {
        public String getName() {
            return "x";
        }
    }

    /** Routable as a ModelObject (ModelObject.java:38 carries {@code @StaplerAccessibleType}). */
    public static final class AModelObject implements ModelObject {
        @Override
        public String getDisplayName() {
            return "x";
        }
    }

    /** Routable by a web method: a parameter of type StaplerRequest2 (TypedFilter.java:112-116). */
    public static final class AWebMethod {
        public void doIndex(StaplerRequest2 request) {
        }
    }

    /** Not routable: {@code doIndex()} without a request, response or HttpResponse (DoActionFilter.java:106-132). */
    public static final class ABareDoIndex {
        public void doIndex() {
        }
    }

    /** A page under the report that links to these types, one getter each. */
    public static final class Links {
        public OnlyAView getOnlyAView(String name) {
            return null;
        }

        public AModelObject getModelObject(String name) {
            return null;
        }

        public AWebMethod getWebMethod() {
            return null;
        }

        public ABareDoIndex[] getBareDoIndex(int n) {
            return null;
        }
    }

    @Test
    void theRuleRoutesModelObjectsAndWebMethodsButNotATypeThatOnlyHasAView() {
        assertThat(StaplerRouting.routes(StaplerRouting.getterFor(Links.class, "modelObject"))).isTrue();
        assertThat(StaplerRouting.routes(StaplerRouting.getterFor(Links.class, "webMethod"))).isTrue();
        assertThat(StaplerRouting.routes(StaplerRouting.getterFor(Links.class, "onlyAView"))).isFalse();
        assertThat(StaplerRouting.routes(StaplerRouting.getterFor(Links.class, "bareDoIndex"))).isFalse();
        assertThat(StaplerRouting.isStaplerRelevant(ParallelWorktreesAction.class)).as("an Action").isTrue();
    }

    @Test
    void everyLinkOnTheReportsPagesLeadsToAGetterStaplerRoutes() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path view : views()) {
            Class<?> page = pageOf(view);
            Matcher href = RELATIVE_HREF.matcher(Files.readString(view));
            while (href.find()) {
                String segment = href.group(1);
                Method getter = StaplerRouting.getterFor(page, segment);
                assertThat(getter).as("%s links to %s/ but %s has no getter for it", view.getFileName(), segment,
                        page.getSimpleName()).isNotNull();
                assertThat(StaplerRouting.routes(getter)).as("%s links to %s/, but Stapler in Jenkins does not"
                        + " route to %s returning %s: make that type a ModelObject or give it a web method", page
                        .getSimpleName(), segment, getter.getName(), getter.getReturnType().getSimpleName()).isTrue();
                checked.add(page.getSimpleName() + "/" + segment);
            }
        }

        assertThat(checked).contains("ParallelWorktreesAction/workstream");
    }

    @Test
    void everyGetterOfAReportPageThatReturnsAnotherPageIsRouted() throws Exception {
        List<Class<?>> pages = new ArrayList<>();
        for (Path view : views()) {
            pages.add(pageOf(view));
        }
        List<String> routed = new ArrayList<>();
        for (Class<?> page : pages) {
            for (Method getter : StaplerRouting.getters(page)) {
                if (pages.contains(getter.getReturnType())) {
                    assertThat(StaplerRouting.routes(getter)).as("%s.%s returns the page %s, which Stapler in Jenkins"
                            + " would not route to", page.getSimpleName(), getter.getName(),
                            getter.getReturnType().getSimpleName()).isTrue();
                    routed.add(page.getSimpleName() + "." + getter.getName());
                }
            }
        }

        assertThat(routed).contains("ParallelWorktreesAction.getWorkstream", "ResultsPage.getAction");
    }

    /** The Jelly views of the report package: {@code <Type>/<view>.jelly} beside the classes. */
    private static List<Path> views() throws IOException, URISyntaxException {
        Path dir = Path.of(ParallelWorktreesAction.class.getResource("ParallelWorktreesAction").toURI()).getParent();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> views = files.filter(f -> f.toString().endsWith(".jelly")).sorted().toList();
            assertThat(views).as("views under %s", dir).isNotEmpty();
            return views;
        }
    }

    private static Class<?> pageOf(Path view) throws ClassNotFoundException {
        return Class.forName(ParallelWorktreesAction.class.getPackageName() + "."
                + view.getParent().getFileName());
    }
}
