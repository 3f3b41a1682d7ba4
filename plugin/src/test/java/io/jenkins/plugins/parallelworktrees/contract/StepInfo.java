package io.jenkins.plugins.parallelworktrees.contract;

/** A step: its DSL name, its class, whether it takes a body, its parameters. */
record StepInfo(String name, Class<?> type, boolean takesBody, DescribableModel model) {
}
