/**
 * Racing: several workers work the same workstream on branches of their own ({@code race: N} / {@code racers:}),
 * each racer's branch is gated on the integration branch, and the winner (gate first, then the plan's score, then
 * racer order) becomes the workstream's branch. The runner schedules the racers; this package judges them.
 */
package io.github.parallelworktrees.engine.race;
