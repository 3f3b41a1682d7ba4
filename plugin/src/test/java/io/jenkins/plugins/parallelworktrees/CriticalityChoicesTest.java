package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.ListBoxModel;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The criticality a form shows first is the parameter's default, since the Snippet Generator writes what the form
 * shows. Jenkins' f:select (core lib/form/select.jelly) starts from {@code attrs.value ?: instance[field] ?:
 * attrs.default}, and the Snippet Generator has no instance (workflow-cps Snippetizer/block.jelly); select.js then
 * fills the list from the doFill method and keeps the option marked selected, else the one equal to that value, else
 * the browser shows the first.
 */
class CriticalityChoicesTest {

    private static List<String> selected(ListBoxModel items) {
        return items.stream().filter(o -> o.selected).map(o -> o.value).toList();
    }

    @Test
    void theStepsListSelectsItsDefaultUnstable() {
        ListBoxModel items = new QualityGateStep.DescriptorImpl().doFillCriticalityItems();

        assertThat(selected(items)).containsExactly(new QualityGateStep().getCriticality()).containsExactly("UNSTABLE");
        assertThat(items).extracting(o -> o.value).containsExactly("NOTE", "UNSTABLE", "ERROR", "FAILURE");
    }

    @Test
    void theStepsFormDefaultsToItsDefaultToo() throws Exception {
        assertThat(selectDefaults("io/jenkins/plugins/parallelworktrees/QualityGateStep/config.jelly", "criticality"))
                .containsExactly(QualityGateStep.DEFAULT_CRITICALITY);
    }

    /** Empty: the gate takes the step's criticality, and the Snippet Generator writes none for it. */
    @Test
    void aGatesListSelectsTheStepsCriticality() {
        ListBoxModel items = new GateDefinition.DescriptorImpl().doFillCriticalityItems();
        GateDefinition gate = new GateDefinition("LINE", 60.0);

        gate.setCriticality(selected(items).get(0));

        assertThat(selected(items)).containsExactly("");
        assertThat(gate.getCriticality()).isNull();
        assertThat(items.get(0).name).isEqualTo("(the step's criticality)");
    }

    /** The {@code default} of each f:select in the f:entry of {@code field}. */
    private List<String> selectDefaults(String jelly, String field) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(jelly)) {
            NodeList entries = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("/lib/form", "entry");
            List<String> defaults = new ArrayList<>();
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                NodeList selects = entry.getElementsByTagNameNS("/lib/form", "select");
                for (int j = 0; j < selects.getLength() && entry.getAttribute("field").equals(field); j++) {
                    defaults.add(((Element) selects.item(j)).getAttribute("default"));
                }
            }
            return defaults;
        }
    }
}
