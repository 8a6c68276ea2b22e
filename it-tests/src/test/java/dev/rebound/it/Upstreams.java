package dev.rebound.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A WireMock upstream on 127.0.0.1 (http, and https when asked) with the stubs the scenarios need
 * and server-side request counts taken from WireMock's journal: the ground truth for wire attempts.
 */
public final class Upstreams implements AutoCloseable {

    private final WireMockServer server;
    private final boolean https;

    private Upstreams(boolean https) {
        WireMockConfiguration config = options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .jettyAcceptors(1)
                .gzipDisabled(true)
                .notifier(new ConsoleNotifier(false));
        if (https) {
            TestCerts certs = TestCerts.get();
            config.dynamicHttpsPort()
                    .keystorePath(certs.keyStore().toString())
                    .keystorePassword(TestCerts.PASSWORD)
                    .keyManagerPassword(TestCerts.PASSWORD)
                    .keystoreType("PKCS12");
        }
        this.server = new WireMockServer(config);
        this.https = https;
        server.start();
    }

    public static Upstreams http() {
        return new Upstreams(false);
    }

    /** Also serves https with {@link TestCerts}; children must be {@linkplain TestCerts#trustedBy trusted}. */
    public static Upstreams httpAndHttps() {
        return new Upstreams(true);
    }

    public WireMockServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The {@code host} metric label for the plain-http port: {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public String httpsUrl(String path) {
        if (!https) {
            throw new IllegalStateException("this upstream was started without https");
        }
        return "https://127.0.0.1:" + server.httpsPort() + path;
    }

    /** Forgets stubs, scenarios and the request journal; call before each test. */
    public void reset() {
        server.resetAll();
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** Every request to {@code path}, any method, gets {@code response}. */
    public void always(String path, ResponseDefinitionBuilder response) {
        server.stubFor(any(urlPathEqualTo(path)).willReturn(response));
    }

    /**
     * Successive requests to {@code path} (any method) get the responses in order; the last one
     * then repeats forever. Built on a WireMock scenario named after the path.
     */
    public void sequence(String path, ResponseDefinitionBuilder... responses) {
        if (responses.length == 0) {
            throw new IllegalArgumentException("at least one response");
        }
        String scenario = "sequence " + path;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            ScenarioMappingBuilder mapping = any(urlPathEqualTo(path))
                    .inScenario(scenario)
                    .whenScenarioStateIs(state);
            if (i < responses.length - 1) {
                mapping = mapping.willSetStateTo("step-" + (i + 1));
            }
            server.stubFor(mapping.willReturn(responses[i]));
        }
    }

    /** Every request to {@code path} meets {@code fault}. */
    public void fault(String path, Fault fault) {
        always(path, aResponse().withFault(fault));
    }

    /** Wire attempts seen by the server on {@code path}, any method. */
    public int count(String path) {
        return requests(path).size();
    }

    public List<LoggedRequest> requests(String path) {
        return server.findAll(RequestPatternBuilder.newRequestPattern(RequestMethod.ANY, urlPathEqualTo(path)));
    }

    /** Every request the server logged, any path. */
    public int total() {
        return server.getAllServeEvents().size();
    }

    public static ResponseDefinitionBuilder status(int code, String body) {
        return aResponse().withStatus(code)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    public static ResponseDefinitionBuilder status(int code, byte[] body) {
        return aResponse().withStatus(code)
                .withHeader("Content-Type", "application/octet-stream")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder faulty(Fault fault) {
        return aResponse().withFault(fault);
    }

    @Override
    public void close() {
        server.stop();
    }
}
