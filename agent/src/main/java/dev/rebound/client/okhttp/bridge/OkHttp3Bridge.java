package dev.rebound.client.okhttp.bridge;

import dev.rebound.client.okhttp.AsyncAttempts;
import dev.rebound.client.okhttp.OkHttpBridge;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link OkHttpBridge} for every OkHttp from 3.12 on. Not on the bootstrap path: the agent defines this
 * class into each class loader that loads OkHttp, so that it links against that loader's copy. Compiled
 * against 3.14 and uses only API that 4.x and 5.x kept with the same JVM signature (Kotlin's properties
 * are still {@code url()}, {@code code()}, {@code body()} to Java); {@code isOneShot} and
 * {@code isDuplex} came with 3.14 and are asked for defensively: before them, only OkHttp's own bodies
 * are known to write the same bytes again.
 */
public final class OkHttp3Bridge implements OkHttpBridge {
    /** 3.12 and 3.13's marker for a body that cannot be sent twice, by name: it is internal API. */
    private static final String UNREPEATABLE_3_12 = "okhttp3.internal.http.UnrepeatableRequestBody";

    @Override
    public Object chainRequest(Object chain) {
        return ((Interceptor.Chain) chain).request();
    }

    @Override
    public Object chainCall(Object chain) {
        return ((Interceptor.Chain) chain).call();
    }

    @Override
    public Object callRequest(Object call) {
        return ((Call) call).request();
    }

    @Override
    public String host(Object request) {
        return ((Request) request).url().host();
    }

    @Override
    public int port(Object request) {
        return ((Request) request).url().port();
    }

    @Override
    public boolean secure(Object request) {
        return ((Request) request).isHttps();
    }

    @Override
    public String authority(Object request) {
        HttpUrl url = ((Request) request).url();
        int port = url.port();
        return port == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + port;
    }

    @Override
    public String url(Object request) {
        return ((Request) request).url().toString(); // HttpUrl keeps its text: no copy
    }

    @Override
    public String method(Object request) {
        return ((Request) request).method();
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((Request) request).header(name) != null;
    }

    @Override
    public boolean replayable(Object request) {
        RequestBody body = ((Request) request).body();
        if (body == null) {
            return true;
        }
        try {
            return !body.isOneShot() && !body.isDuplex();
        } catch (NoSuchMethodError beforeOkHttp314) {
            return knownReplayable(body);
        }
    }

    /**
     * OkHttp 3.12 and 3.13 cannot say whether a body is one-shot. Their own bodies can be written again
     * (the {@code RequestBody.create} factories' bytes, strings and files, forms, multipart bodies of such
     * parts, as OkHttp's own retries assume) unless marked {@code UnrepeatableRequestBody}; an app's own
     * subclass may stream from something that is gone after the first write, so it is never re-sent.
     */
    private static boolean knownReplayable(RequestBody body) {
        for (Class<?> c = body.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(UNREPEATABLE_3_12)) {
                    return false;
                }
            }
        }
        if (body instanceof FormBody) {
            return true;
        }
        if (body instanceof MultipartBody) {
            for (MultipartBody.Part part : ((MultipartBody) body).parts()) {
                if (!knownReplayable(part.body())) {
                    return false;
                }
            }
            return true;
        }
        return body.getClass().getName().startsWith("okhttp3.RequestBody$");
    }

    @Override
    public int status(Object response) {
        return ((Response) response).code();
    }

    @Override
    public String header(Object response, String name) {
        return ((Response) response).header(name);
    }

    @Override
    public Object discard(Object response) {
        Response r = (Response) response;
        ResponseBody body = r.body();
        if (body == null) {
            return r;
        }
        try {
            byte[] read = body.contentLength() > KEEP_LIMIT ? null : readToEnd(body.byteStream());
            if (read == null) {
                return null;
            }
            MediaType type = body.contentType();
            return r.newBuilder().body(ResponseBody.create(type, read)).build();
        } catch (Exception | LinkageError e) {
            return null; // the close below releases the connection
        } finally {
            close(r);
        }
    }

    @Override
    public void close(Object response) {
        try {
            ((Response) response).close();
        } catch (Exception e) {
            // closed already, or a body-less response
        }
    }

    @Override
    public boolean isCanceled(Object call) {
        return ((Call) call).isCanceled();
    }

    @Override
    public void cancel(Object call) {
        ((Call) call).cancel();
    }

    @Override
    public Object standIn(AsyncAttempts attempts) {
        return new StandInCallback(attempts);
    }

    @Override
    public Object resend(Object call, Object standIn) {
        Call clone = ((Call) call).clone();
        clone.enqueue((Callback) standIn);
        return clone;
    }

    @Override
    public void deliverResponse(Object appCallback, Object call, Object response) throws IOException {
        ((Callback) appCallback).onResponse((Call) call, (Response) response);
    }

    @Override
    public void deliverFailure(Object appCallback, Object call, IOException failure) {
        ((Callback) appCallback).onFailure((Call) call, failure);
    }

    /** The rest of the stream, or null when it is longer than {@link #KEEP_LIMIT}. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > KEEP_LIMIT) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
