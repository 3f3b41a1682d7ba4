package io.jenkins.plugins.parallelworktrees.contract;

import io.github.parallelworktrees.engine.plan.Suggestions;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;

/** Compares every call in a file's snippets (as Groovy parses them) with the step catalog. */
final class PipelineChecker {

    /** Keys of a gate map, used only when the gate class cannot be found from QualityGateStep's {@code gates}. */
    private static final Set<String> FALLBACK_GATE_KEYS = Set.of("type", "threshold", "criticality");

    private final StepCatalog catalog;

    PipelineChecker(StepCatalog catalog) {
        this.catalog = catalog;
    }

    List<Violation> check(PipelineFile file) {
        List<Violation> violations = new ArrayList<>();
        for (Snippet snippet : file.snippets()) {
            ParsedSnippet parsed;
            try {
                parsed = ParsedSnippet.parse(snippet);
            } catch (ParsedSnippet.SnippetSyntaxError e) {
                violations.add(new Violation(file.name(), snippet.lineOffset() + e.line,
                        "does not parse as Groovy: " + e.getMessage()));
                continue;
            }
            for (ParsedSnippet.Call call : parsed.calls()) {
                List<Problem> problems = new ArrayList<>(checkCall(call, parsed.localMethods()));
                if (parsed.allocatesAgents() && !call.onAnAgent() && catalog.step(call.name()).isPresent()) {
                    // the steps read the workspace when they start (ParallelWorktreesStep.workspaceFor, the others'
                    // required FilePath), and a script that takes agents has none outside them
                    problems.add(new Problem(0, call.name() + " is called outside node { }: it reads the workspace"
                            + " when it starts, and there is none there; call it inside node { } (after checkout"
                            + " scm) or in a Declarative stage's steps"));
                }
                for (Problem problem : problems) {
                    int line = problem.line() > 0 ? problem.line() : Math.max(call.line(), 1);
                    violations.add(new Violation(file.name(), snippet.lineOffset() + line, problem.message()));
                }
            }
        }
        return violations;
    }

    /** What is wrong, on the line of the expression it is about (0: the call's line). */
    private record Problem(int line, String message) {
        static Problem at(Expression where, String message) {
            return new Problem(where.getLineNumber(), message);
        }
    }

    private List<Problem> checkCall(ParsedSnippet.Call call, Set<String> localMethods) {
        Optional<StepInfo> step = catalog.step(call.name());
        Optional<DescribableModel> symbol = catalog.symbol(call.name());
        if (step.isEmpty() && symbol.isPresent()) {
            // gate(type: ..., threshold: ...): a describable written with its @Symbol
            return checkMap(call.name(), call.namedArguments(), symbol.get(), call.name());
        }
        if (step.isEmpty()) {
            if (call.implicitThis() && !PipelineBuiltIns.NAMES.contains(call.name())
                    && !localMethods.contains(call.name())) {
                Set<String> known = new TreeSet<>(PipelineBuiltIns.NAMES);
                known.addAll(catalog.stepNames());
                known.addAll(catalog.symbols().keySet());
                return List.of(new Problem(0, "unknown step '" + call.name() + "'"
                        + Suggestions.didYouMean(call.name(), known)
                        + ": neither a Parallel Worktrees step (" + String.join(", ", catalog.stepNames())
                        + ") nor a Pipeline step this test knows (PipelineBuiltIns.NAMES)"));
            }
            return List.of();
        }
        StepInfo s = step.get();
        List<Problem> problems = new ArrayList<>(checkMap(s.name(), call.namedArguments(), s.model(), s.name()));
        if (!call.positional().isEmpty()) {
            List<String> required = s.model().constructorParameters();
            if (call.positional().size() > 1 || required.size() != 1 || !call.namedArguments().isEmpty()) {
                problems.add(new Problem(0, s.name() + ": " + call.positional().size()
                        + " unnamed argument(s); name them (" + s.name() + "("
                        + String.join(": ..., ", s.model().sortedNames()) + ": ...))"));
            }
        }
        if (call.hasBody() && !s.takesBody()) {
            problems.add(new Problem(0, s.name() + " takes no body ({ ... }); only "
                    + catalog.steps().stream().filter(StepInfo::takesBody).map(StepInfo::name)
                    .collect(Collectors.joining(", ")) + " do"));
        }
        return problems;
    }

    /** Keys of a map against the parameters of the describable it becomes, recursively for nested maps. */
    private List<Problem> checkMap(String where, List<MapEntryExpression> entries, DescribableModel model,
                                   String stepName) {
        List<Problem> problems = new ArrayList<>();
        for (MapEntryExpression entry : entries) {
            if (!(entry.getKeyExpression() instanceof ConstantExpression key)
                    || !(key.getValue() instanceof String name)) {
                continue; // a computed key (or a spread map) cannot be checked before the build runs
            }
            if (name.equals("$class") || name.equals("symbol")) {
                continue; // Jenkins' own ways of choosing a describable's subtype
            }
            Type type = model.parameters().get(name);
            if (type == null) {
                problems.add(Problem.at(key, where + ": unknown "
                        + (where.equals(stepName) ? "parameter" : "key") + " '" + name + "'"
                        + Suggestions.didYouMean(name, model.parameters().keySet()) + "; "
                        + model.displayName() + " takes " + String.join(", ", model.sortedNames())));
                continue;
            }
            problems.addAll(checkValue(where + " " + name, entry.getValueExpression(), type,
                    model.vocabulary(name), stepName, name));
        }
        return problems;
    }

    /** A value against its parameter's type: enum names, nested describable maps, lists of them. */
    private List<Problem> checkValue(String where, Expression value, Type type,
                                     Optional<List<String>> vocabulary, String stepName, String param) {
        List<Problem> problems = new ArrayList<>();
        if (vocabulary.isPresent() && value instanceof ConstantExpression c && c.getValue() instanceof String text
                && vocabulary.get().stream().noneMatch(word -> word.equalsIgnoreCase(text.strip()))) {
            problems.add(Problem.at(value, where + ": '" + text + "' is not one of "
                    + String.join(", ", vocabulary.get()) + Suggestions.didYouMean(text, vocabulary.get())));
        }
        if (value instanceof MapExpression map) {
            nestedModel(type, stepName, param).ifPresent(m -> problems.addAll(
                    checkMap(where, map.getMapEntryExpressions(), m, stepName)));
        } else if (value instanceof ListExpression list) {
            Type element = DescribableModel.elementType(type);
            List<Expression> items = list.getExpressions();
            for (int i = 0; i < items.size(); i++) {
                problems.addAll(checkValue(where + "[" + i + "]", items.get(i), element, vocabulary, stepName,
                        param));
            }
        }
        return problems;
    }

    private Optional<DescribableModel> nestedModel(Type type, String stepName, String param) {
        if (type instanceof Class<?> c && DescribableModel.isDescribable(c)) {
            return Optional.of(DescribableModel.of(c));
        }
        if (stepName.equals("qualityGate") && param.equals("gates")) {
            // The gates are plain maps in the step class; their keys are then held to the contract's set.
            return Optional.of(DescribableModel.fixed("a gate", FALLBACK_GATE_KEYS));
        }
        return Optional.empty();
    }
}
