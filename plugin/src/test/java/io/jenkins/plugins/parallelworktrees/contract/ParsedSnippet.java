package io.jenkins.plugins.parallelworktrees.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/**
 * A snippet as Groovy's own parser reads it: every method call it makes, in line order, and the methods it defines
 * (which are not steps). Only the AST API is used, which Groovy 4 and jenkins-core's groovy-all both have.
 */
record ParsedSnippet(List<Call> calls, Set<String> localMethods) {

    /**
     * A method call as written: its name, line (in the snippet), named and positional arguments, body, and whether
     * it runs on an agent: inside a {@code node} block or a Declarative stage's {@code steps} (which run on the
     * stage's agent).
     */
    record Call(String name, int line, boolean implicitThis, List<MapEntryExpression> namedArguments,
                List<Expression> positional, boolean hasBody, boolean onAnAgent) {
    }

    /** The calls whose bodies run on an agent. */
    static final Set<String> AGENT_BLOCKS = Set.of("node", "steps");

    /** The snippet takes agents itself (a {@code node} somewhere), so it is a whole script, not steps of one. */
    boolean allocatesAgents() {
        return calls.stream().anyMatch(c -> c.name().equals("node"));
    }

    /** The snippet is not Groovy; {@code line} is in the snippet. */
    static final class SnippetSyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SnippetSyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** The calls of a snippet, or none when it does not parse (the checker reports that). */
    static List<Call> calls(Snippet snippet) {
        try {
            return parse(snippet).calls();
        } catch (SnippetSyntaxError e) {
            return List.of();
        }
    }

    /** The snippet through Groovy's own parser (to the CONVERSION phase: the AST, nothing resolved). */
    static ParsedSnippet parse(Snippet snippet) throws SnippetSyntaxError {
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
        unit.addSource("snippet.groovy", snippet.text());
        try {
            unit.compile(Phases.CONVERSION);
        } catch (MultipleCompilationErrorsException e) {
            Message first = e.getErrorCollector().getErrors().isEmpty() ? null
                    : (Message) e.getErrorCollector().getErrors().get(0);
            if (first instanceof SyntaxErrorMessage syntax) {
                String text = syntax.getCause().getOriginalMessage();
                throw new SnippetSyntaxError(Math.max(syntax.getCause().getLine(), 1), text);
            }
            throw new SnippetSyntaxError(1, e.getMessage().lines().skip(1).findFirst().orElse(e.getMessage()));
        }
        List<Call> calls = new ArrayList<>();
        Set<String> localMethods = new TreeSet<>();
        CallCollector collector = new CallCollector(calls);
        for (ModuleNode module : unit.getAST().getModules()) {
            module.getStatementBlock().visit(collector);
            for (MethodNode method : module.getMethods()) {
                localMethods.add(method.getName());
                visitCode(method, collector);
            }
            for (ClassNode type : module.getClasses()) {
                if (!type.isScript()) {
                    type.getMethods().forEach(m -> visitCode(m, collector));
                }
            }
        }
        calls.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new ParsedSnippet(calls, localMethods);
    }

    private static void visitCode(MethodNode method, CodeVisitorSupport collector) {
        if (method.getCode() != null) {
            method.getCode().visit(collector);
        }
    }

    /** Every method call, including those in closures (stage bodies, node blocks, step bodies). */
    private static final class CallCollector extends CodeVisitorSupport {
        private final List<Call> calls;
        /** How many agent blocks enclose the call being visited. */
        private int agents;

        CallCollector(List<Call> calls) {
            this.calls = calls;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            if (name != null) {
                List<MapEntryExpression> named = new ArrayList<>();
                List<Expression> positional = new ArrayList<>();
                boolean body = false;
                List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple
                        ? tuple.getExpressions() : List.of(call.getArguments());
                for (int i = 0; i < arguments.size(); i++) {
                    Expression argument = arguments.get(i);
                    if (argument instanceof NamedArgumentListExpression
                            || (argument instanceof MapExpression && i == 0)) {
                        // foo(a: 1) and foo([a: 1]) both reach a step as its named arguments
                        named.addAll(((MapExpression) argument).getMapEntryExpressions());
                    } else if (argument instanceof ClosureExpression && i == arguments.size() - 1) {
                        body = true;
                    } else {
                        positional.add(argument);
                    }
                }
                calls.add(new Call(name, call.getLineNumber(), call.isImplicitThis(), named, positional, body,
                        agents > 0));
            }
            boolean agentBlock = AGENT_BLOCKS.contains(name);
            agents += agentBlock ? 1 : 0;
            try {
                super.visitMethodCallExpression(call);
            } finally {
                agents -= agentBlock ? 1 : 0;
            }
        }
    }
}
