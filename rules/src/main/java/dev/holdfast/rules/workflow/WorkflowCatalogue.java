package dev.holdfast.rules.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Cloud login actions, their static-credential inputs and cloud key env variables, as read from catalogue.yml. */
record WorkflowCatalogue(List<Action> actions, List<String> envKeys, List<String> prHeadRefs) {

    record Action(String uses, List<String> staticInputs, String rule) {
    }

    static WorkflowCatalogue load() {
        try (InputStream in = WorkflowCatalogue.class.getResourceAsStream("/dev/holdfast/rules/workflow/catalogue.yml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, WorkflowCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workflow catalogue", e);
        }
    }
}
