package dev.rebound.it.apps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Libraries built on HttpAsyncClient 4.1, each making one GET: {@code es <baseUrl> <path>} (the
 * Elasticsearch low-level {@code RestClient}, its async and its blocking form, one call each) and
 * {@code unirest <url>} (Unirest 3's {@code asStringAsync}). Prints {@code call=<i> status=<s> body=<text>}
 * or {@code call=<i> error=<exception class>}.
 */
public final class ApacheAsyncLibrariesApp {
    private ApacheAsyncLibrariesApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "es" -> elasticsearch(args[1], args[2]);
            case "unirest" -> unirest(args[1]);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done");
    }

    private static void elasticsearch(String base, String path) throws Exception {
        try (org.elasticsearch.client.RestClient client = org.elasticsearch.client.RestClient
                .builder(org.apache.http.HttpHost.create(base)).build()) {
            CompletableFuture<String> async = new CompletableFuture<>();
            client.performRequestAsync(new org.elasticsearch.client.Request("GET", path + "-async"),
                    new org.elasticsearch.client.ResponseListener() {
                        @Override
                        public void onSuccess(org.elasticsearch.client.Response response) {
                            try {
                                async.complete("status=" + response.getStatusLine().getStatusCode() + " body="
                                        + org.apache.http.util.EntityUtils.toString(response.getEntity()));
                            } catch (Exception e) {
                                async.complete("error=" + e.getClass().getName());
                            }
                        }

                        @Override
                        public void onFailure(Exception e) {
                            async.complete("error=" + e.getClass().getName());
                        }
                    });
            System.out.println("call=0 " + async.get(20, TimeUnit.SECONDS));
            try {
                org.elasticsearch.client.Response response = client.performRequest(
                        new org.elasticsearch.client.Request("GET", path + "-sync"));
                System.out.println("call=1 status=" + response.getStatusLine().getStatusCode() + " body="
                        + org.apache.http.util.EntityUtils.toString(response.getEntity()));
            } catch (Exception e) {
                System.out.println("call=1 error=" + e.getClass().getName());
            }
        }
    }

    private static void unirest(String url) throws Exception {
        try {
            kong.unirest.HttpResponse<String> response = kong.unirest.Unirest.get(url).asStringAsync()
                    .get(20, TimeUnit.SECONDS);
            System.out.println("call=0 status=" + response.getStatus() + " body=" + response.getBody());
        } finally {
            kong.unirest.Unirest.shutDown();
        }
    }
}
