package io.jenkins.plugins.parallelworktrees;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step's context without Jenkins, for what a step decides in start(): answers {@link #get} from the objects it
 * was given (null for any other type, as workflow-support's DefaultStepContext answers a type it has none of) and
 * records which types were asked for. It ends no step: a step that tries to is a failed test.
 */
final class FakeStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, Object> values = new LinkedHashMap<>();
    final transient List<Class<?>> asked = new ArrayList<>();

    <T> FakeStepContext with(Class<T> type, T value) {
        values.put(type, value);
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        asked.add(key);
        return key.cast(values.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        throw new AssertionError("the step ended with " + result);
    }

    @Override
    public void onFailure(Throwable t) {
        throw new AssertionError("the step failed", t);
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("no body");
    }

    // the other abstract members of the real StepContext (workflow-step-api StepContext.java:88, 96, 105)
    public boolean isReady() {
        return true;
    }

    public ListenableFuture<Void> saveState() {
        return Futures.immediateVoidFuture();
    }

    public void setResult(Result r) {
        throw new AssertionError("the step set the build's result to " + r);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
