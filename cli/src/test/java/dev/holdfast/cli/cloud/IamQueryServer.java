package dev.holdfast.cli.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local AWS IAM + STS Query API endpoint replaying recorded-format XML from {@code fixtures/cloud/aws/<scenario>/}.
 * Requests are dispatched by the {@code Action} form parameter to {@code <Action>-<discriminator>.xml} (the user
 * name, the key's fixture name, or the pagination Marker) or {@code <Action>.xml}. A scenario may inherit another's
 * files ({@code scenario.properties: inherits=...}) and inject faults ({@code fault.<Action>=<Code> <status> [times]}),
 * answered with the {@code ErrorResponse} XML of {@code fixtures/cloud/aws/errors/<Code>.xml}. The same URL answers
 * CloudTrail's JSON protocol ({@link CloudTrailLookup}), as {@code --endpoint-url} serves IAM, STS and CloudTrail.
 */
public final class IamQueryServer implements AutoCloseable {
    private final HttpServer server;
    private final FixtureScenario scenario;
    private final Path errors;
    private final FixtureTemplates templates;
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** When each CloudTrail call arrived (System.nanoTime), to check the client's pace. */
    public final List<Long> trailCallTimes = Collections.synchronizedList(new ArrayList<>());

    public IamQueryServer(Path root, String scenario, FixtureTemplates templates) throws IOException {
        this.templates = templates;
        this.errors = root.resolve("errors");
        this.scenario = new FixtureScenario(root, scenario);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Adds or replaces a fault: {@code code status [times]}. */
    public void fault(String action, String spec) {
        scenario.fault(action, spec);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.contains("CloudTrail")) {
                cloudTrail(ex, target.substring(target.lastIndexOf('.') + 1));
                return;
            }
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (ex.getRequestURI().getRawQuery() != null) {
                form.putAll(form(ex.getRequestURI().getRawQuery()));
            }
            String action = form.getOrDefault("Action", "");
            calls.add(action);
            String[] fault = scenario.spec(action);
            if (fault != null && scenario.fires(action, fault, 2)) {
                send(ex, Integer.parseInt(fault[1]), FixtureTemplates.read(errors.resolve(fault[0] + ".xml")));
                return;
            }
            String disc = form.get("Marker");
            if (disc == null) {
                disc = form.get("UserName");
            }
            if (disc == null && form.get("AccessKeyId") != null) {
                disc = templates.keyName(form.get("AccessKeyId"));
            }
            if (disc == null && form.get("Arn") != null) {
                disc = form.get("Arn").substring(form.get("Arn").lastIndexOf('/') + 1);
            }
            if (disc == null) {
                disc = form.get("JobId");
            }
            Path file = scenario.find(action + (disc == null ? "" : "-" + disc) + ".xml");
            if (file == null && disc != null) {
                file = scenario.find(action + ".xml");
            }
            if (file == null) {
                send(ex, 400, FixtureTemplates.read(errors.resolve("InvalidAction.xml")));
                return;
            }
            send(ex, 200, templates.expand(FixtureTemplates.read(file), scenario::find));
        }
    }

    /** CloudTrail's JSON 1.1 protocol: {@code X-Amz-Target: …CloudTrail_20131101.<Operation>}, errors as __type. */
    private void cloudTrail(HttpExchange ex, String operation) throws IOException {
        trailCallTimes.add(System.nanoTime());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(operation);
        String[] fault = scenario.spec(operation);
        String answer;
        int status = 200;
        if (fault != null && scenario.fires(operation, fault, 2)) {
            status = Integer.parseInt(fault[1]);
            answer = "{\"__type\":\"" + fault[0] + "\",\"message\":\"" + fault[0] + " from the stand-in\"}";
        } else if ("LookupEvents".equals(operation)) {
            answer = CloudTrailLookup.answer(body, scenario, templates, scenario.intProperty("cloudtrail.pageSize"));
        } else {
            status = 400;
            answer = "{\"__type\":\"UnknownOperationException\"}";
        }
        send(ex, status, answer, "application/x-amz-json-1.1");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, body, "text/xml");
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("x-amzn-RequestId", "4d9ab6c2-0c48-4a3e-a8d5-6b5f3fbbd1c7");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
