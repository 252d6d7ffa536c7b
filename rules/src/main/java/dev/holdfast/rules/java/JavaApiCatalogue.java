package dev.holdfast.rules.java;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The credential APIs and naming conventions the Java detector knows, as read from apis.yml. */
record JavaApiCatalogue(List<Api> apis, List<String> passThroughOnReceiver, List<String> passThroughOnArgument,
                        String credentialNames, List<String> nonCredentialSuffixes, List<String> nonSecretValues) {

    record Api(String kind, String type, String method, List<Integer> args, Integer arity, String rule) {
        String label() {
            return kind.equals("new") ? "new " + type : (type == null ? "" : type + ".") + method;
        }
    }

    static JavaApiCatalogue load() {
        try (InputStream in = JavaApiCatalogue.class.getResourceAsStream("/dev/holdfast/rules/java/apis.yml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, JavaApiCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Java API catalogue", e);
        }
    }
}
