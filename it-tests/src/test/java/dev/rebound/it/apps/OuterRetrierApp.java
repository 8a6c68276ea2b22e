package dev.rebound.it.apps;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.retry.annotation.AnnotationAwareRetryOperationsInterceptor;
import org.springframework.retry.annotation.Backoff;
import org.springframework.retry.annotation.Retryable;
import org.springframework.retry.support.RetryTemplate;

/**
 * Calls made inside retry libraries that retry them themselves (AWS SDK v1, Spring Retry's
 * {@code RetryTemplate} and {@code @Retryable}, Resilience4j),
 * and the same calls made plainly, against one loopback upstream. Arguments: {@code <base-url>} then
 * scenario names; each prints {@code scenario=<name> result=<what the app got>}. Paths are
 * {@code /<scenario>} (S3: bucket {@code b}, key {@code <scenario>}). The wrapped calls throw on a
 * non-2xx status, as typical code does, so that every library retries a {@code 502}.
 */
public final class OuterRetrierApp {
    private static final int TIMEOUT_MS = 5_000;

    private OuterRetrierApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        try (CloseableHttpClient apache = HttpClients.createDefault()) {
            HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();
            for (int i = 1; i < args.length; i++) {
                String scenario = args[i];
                String url = base + "/" + scenario;
                String result;
                try {
                    result = run(scenario, base, url, apache, jdk);
                } catch (AmazonS3Exception e) {
                    result = "s3-error-status=" + e.getStatusCode();
                } catch (Exception e) {
                    result = "error=" + e.getClass().getSimpleName() + ":" + e.getMessage();
                }
                System.out.println("scenario=" + scenario + " result=" + result);
            }
        }
        if (args.length > 0 && System.getProperty("rebound.metrics.prometheus.port") != null) {
            System.out.println("metrics-begin");
            System.out.print(AgentEndpoints.scrape(Integer.getInteger("rebound.metrics.prometheus.port")));
            System.out.println("metrics-end");
        }
        System.out.println("done");
    }

    private static String run(String scenario, String base, String url, CloseableHttpClient apache, HttpClient jdk)
            throws Exception {
        String library = scenario.substring(0, scenario.indexOf('-'));
        String client = scenario.substring(library.length() + 1, scenario.indexOf('-', library.length() + 1));
        if (library.equals("aws")) {
            int retries = client.equals("noretry") ? 0 : -1;
            return s3(base, retries).getObjectAsString("b", scenario);
        }
        Callable<String> call = switch (client) {
            case "huc" -> () -> urlConnection(url);
            case "apache" -> () -> apache(apache, url);
            case "jdk" -> () -> jdkSend(jdk, url);
            case "jdkasync" -> () -> jdkSendAsync(jdk, url);
            default -> throw new IllegalArgumentException("client " + client);
        };
        return switch (library) {
            case "plain" -> call.call();
            case "spring" -> RetryTemplate.builder().maxAttempts(2).fixedBackoff(50).retryOn(IOException.class).build()
                    .execute(context -> call.call());
            case "retryable" -> retryable(call).fetch();
            case "r4j" -> Retry.of(scenario, RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(50))
                    .retryExceptions(IOException.class).build()).executeCallable(call);
            default -> throw new IllegalArgumentException("library " + library);
        };
    }

    /** A call through a Spring bean method annotated {@code @Retryable}, on the proxy {@code @EnableRetry} would make. */
    public interface Fetcher {
        String fetch() throws Exception;
    }

    /** The bean: its one method is {@code @Retryable} with 2 attempts. */
    public static final class RetryableFetcher implements Fetcher {
        private final Callable<String> call;

        RetryableFetcher(Callable<String> call) {
            this.call = call;
        }

        @Override
        @Retryable(retryFor = IOException.class, maxAttempts = 2, backoff = @Backoff(delay = 50))
        public String fetch() throws Exception {
            return call.call();
        }
    }

    private static Fetcher retryable(Callable<String> call) {
        ProxyFactory proxy = new ProxyFactory(new RetryableFetcher(call));
        // As @EnableRetry's RetryConfiguration does: the interceptor in a pointcut advisor.
        proxy.addAdvisor(new DefaultPointcutAdvisor(new AnnotationAwareRetryOperationsInterceptor()));
        return (Fetcher) proxy.getProxy();
    }

    /** An S3 client on the loopback upstream only: path-style, fixed credentials and region, no metadata service. */
    private static AmazonS3 s3(String base, int maxErrorRetry) {
        ClientConfiguration config = new ClientConfiguration()
                .withConnectionTimeout(TIMEOUT_MS).withSocketTimeout(TIMEOUT_MS);
        if (maxErrorRetry >= 0) {
            config.setMaxErrorRetry(maxErrorRetry);
        }
        return AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(base, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test-key", "test-secret")))
                .withClientConfiguration(config)
                .build();
    }

    private static String urlConnection(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return checked(status, body);
        }
    }

    private static String apache(CloseableHttpClient client, String url) throws IOException {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
            return checked(response.getStatusLine().getStatusCode(), EntityUtils.toString(response.getEntity()));
        }
    }

    private static String jdkSend(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request(url), HttpResponse.BodyHandlers.ofString());
        return checked(r.statusCode(), r.body());
    }

    private static String jdkSendAsync(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.sendAsync(request(url), HttpResponse.BodyHandlers.ofString()).get();
        return checked(r.statusCode(), r.body());
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(TIMEOUT_MS)).build();
    }

    private static String checked(int status, String body) throws IOException {
        if (status >= 300) {
            throw new IOException("HTTP " + status);
        }
        return "status=" + status + ":" + body;
    }
}
