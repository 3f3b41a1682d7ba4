package io.jenkins.plugins.parallelworktrees.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.parallelworktrees.engine.plan.Suggestions;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** JCasC snippets ({@code unclassified: parallelWorktrees: ...}) against the global configuration. */
final class JcascChecker {

    private JcascChecker() {
    }

    static List<Violation> check(PipelineFile file, Optional<Class<?>> configuration) {
        List<Violation> violations = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Snippet block : Markdown.fencedBlocks(file.text(), "yaml")) {
            if (!block.text().contains("parallelWorktrees:")) {
                continue;
            }
            JsonNode root;
            try {
                root = yaml.readTree(block.text());
            } catch (IOException e) {
                violations.add(new Violation(file.name(), block.lineOffset() + 1,
                        "JCasC snippet does not parse as YAML: " + e.getMessage().lines().findFirst().orElse("")));
                continue;
            }
            JsonNode ours = root == null ? null : root.path("unclassified").get("parallelWorktrees");
            if (ours == null) {
                continue;
            }
            if (configuration.isEmpty()) {
                violations.add(new Violation(file.name(), block.lineOffset() + 1, "no global configuration class"
                        + " with @Symbol(\"parallelWorktrees\") in " + StepCatalog.PLUGIN_PACKAGE));
                continue;
            }
            Set<String> properties = properties(configuration.get());
            for (Iterator<String> keys = ours.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!properties.contains(key)) {
                    violations.add(new Violation(file.name(), block.lineOffset() + lineOf(block.text(), key),
                            "JCasC: parallelWorktrees has no '" + key + "'"
                                    + Suggestions.didYouMean(key, properties)
                                    + "; it takes " + String.join(", ", properties)));
                }
            }
        }
        return violations;
    }

    /** What JCasC can set: the properties with a public setter (as its configurators introspect them). */
    static Set<String> properties(Class<?> configuration) {
        Set<String> names = new TreeSet<>();
        for (Method m : configuration.getMethods()) {
            if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())) {
                names.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        return names;
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 1;
    }
}
