package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@Tag("needs-jenkins")
@WithJenkins
class QualityGateStepTest extends PipelineFixtures {

    /** Writes a JUnit report (4 tests, 1 failed) and a JaCoCo report (60% lines, 40% branches). */
    private static final String REPORTS = """
            writeFile file: 'target/surefire-reports/TEST-Shop.xml', text: '''<testsuite name="Shop" tests="4" failures="1">
              <testcase classname="Shop" name="a"/><testcase classname="Shop" name="b"/><testcase classname="Shop" name="c"/>
              <testcase classname="Shop" name="d"><failure message="expected 2">boom</failure></testcase>
            </testsuite>'''
            writeFile file: 'target/site/jacoco/jacoco.xml', text: '''<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="shop">
              <counter type="LINE" missed="40" covered="60"/><counter type="BRANCH" missed="6" covered="4"/>
            </report>'''
            """;
    private static final String GLOBS = "junit: '**/surefire-reports/*.xml', coverage: '**/jacoco.xml'";

    private WorkflowRun run(Result expected, String steps) throws Exception {
        WorkflowJob p = pipeline("node {\n" + REPORTS + steps + "\necho 'after the gate'\n}\n");
        return r.buildAndAssertStatus(expected, p);
    }

    @Test
    void gatesThatAreMetPassAndTheVerdictIsReturnedAndArchived() throws Exception {
        WorkflowRun b = run(Result.SUCCESS, "def v = qualityGate(" + GLOBS + ", gates: [[type: 'FAILED_TESTS',"
                + " threshold: 1], [type: 'LINE', threshold: 60.0], [type: 'MIN_TESTS', threshold: 4]])\n"
                + "echo \"verdict ${v.status} ${v.tests.tests} tests ${v.gates.size()} gates\"");

        r.assertLogContains("verdict PASSED 4 tests 3 gates", b);
        assertThat(b.getArtifactManager().root().child("gates").exists()).isTrue();
    }

    @Test
    void anUnstableGateMarksTheBuildUnstableAndTheRunGoesOn() throws Exception {
        WorkflowRun b = run(Result.UNSTABLE, "qualityGate(" + GLOBS + ", gates: [[type: 'LINE', threshold: 70.0]])");

        r.assertLogContains("WARNING: quality gate UNSTABLE: line coverage 60.0% < 70.0%", b);
        r.assertLogContains("after the gate", b);
    }

    @Test
    void aNoteMarksOnlyTheStep() throws Exception {
        WorkflowRun b = run(Result.SUCCESS, "qualityGate(" + GLOBS + ", criticality: 'NOTE',"
                + " gates: [[type: 'FAILED_TESTS', threshold: 1], [type: 'BRANCH', threshold: 50.0]])");

        r.assertLogContains("WARNING: quality gate NOTE: branch coverage 40.0% < 50.0%", b);
    }

    @Test
    void anErrorMarksTheStepFailedButNotTheBuild() throws Exception {
        WorkflowRun b = run(Result.SUCCESS, "qualityGate(" + GLOBS + ", gates: [[type: 'FAILED_TESTS',"
                + " threshold: 0, criticality: 'ERROR']])");

        r.assertLogContains("WARNING: quality gate ERROR: 1 failed test(s) > 0", b);
        r.assertLogContains("after the gate", b);
    }

    @Test
    void aFailureFailsTheStepAndTheBuildAndNothingAfterItRuns() throws Exception {
        WorkflowRun b = run(Result.FAILURE, "qualityGate(" + GLOBS + ", gates: [[type: 'FAILED_TESTS',"
                + " threshold: 0, criticality: 'FAILURE']])");

        r.assertLogContains("quality gate FAILED: 1 failed test(s) > 0", b);
        r.assertLogNotContains("after the gate", b);
    }

    @Test
    void aGlobThatMatchesNothingIsAnInputError() throws Exception {
        WorkflowRun b = run(Result.FAILURE, "qualityGate(junit: 'nothing/*.xml')");

        r.assertLogContains("--junit 'nothing/*.xml' matched no file", b);
    }

    @Test
    void aDirectoryOutsideTheWorkspaceIsRefused() throws Exception {
        WorkflowRun b = run(Result.FAILURE, "qualityGate(dir: '../..', junit: '**/*.xml')");

        r.assertLogContains("dir '../..' leads outside the workspace", b);
    }
}
