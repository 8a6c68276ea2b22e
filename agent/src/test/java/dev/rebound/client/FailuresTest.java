package dev.rebound.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void apacheConnectFailuresAreConnectFailures() throws Exception {
        HttpHost host = new HttpHost("127.0.0.1", 1);
        InetAddress[] addresses = {InetAddress.getLoopbackAddress()};
        assertEquals(FailureKind.CONNECT_FAILURE, Failures.classify(
                new org.apache.http.conn.HttpHostConnectException(new ConnectException("refused"), host, addresses)));
        assertEquals(FailureKind.CONNECT_FAILURE, Failures.classify(
                new org.apache.http.conn.ConnectTimeoutException("connect timed out")));
        assertEquals(FailureKind.CONNECT_FAILURE, Failures.classify(
                new org.apache.hc.client5.http.ConnectTimeoutException("connect timed out")));
        assertEquals(FailureKind.CONNECT_FAILURE, Failures.classify(new org.apache.hc.client5.http.HttpHostConnectException("refused")));
    }

    @Test
    void apacheResponsesThatNeverCameAreResets() {
        assertEquals(FailureKind.RESET, Failures.classify(new org.apache.http.NoHttpResponseException("no response")));
        assertEquals(FailureKind.RESET, Failures.classify(new org.apache.hc.core5.http.NoHttpResponseException("none")));
        assertEquals(FailureKind.RESET, Failures.classify(new org.apache.http.ConnectionClosedException("closed")));
        assertEquals(FailureKind.RESET, Failures.classify(new org.apache.hc.core5.http.ConnectionClosedException("closed")));
    }

    @Test
    void onlyAConnectionThatEndedBeforeAnyResponseByteIsClosedBeforeResponse() {
        assertTrue(Failures.isClosedBeforeResponse(new org.apache.http.NoHttpResponseException("no response")));
        assertTrue(Failures.isClosedBeforeResponse(new org.apache.hc.core5.http.NoHttpResponseException("none")));
        assertTrue(Failures.isClosedBeforeResponse(new IOException(new java.net.SocketException("Broken pipe"))));
        assertFalse(Failures.isClosedBeforeResponse(new java.net.SocketException("Connection reset")));
        assertFalse(Failures.isClosedBeforeResponse(new org.apache.hc.core5.http.ConnectionClosedException("closed")));
        assertFalse(Failures.isClosedBeforeResponse(new SocketTimeoutException("Read timed out")));
    }

    @Test
    void anExhaustedLocalPoolIsNotTheHostsFailure() {
        // ConnectionPoolTimeoutException extends ConnectTimeoutException: matched by exact name, not by type.
        assertNull(Failures.classify(new org.apache.http.conn.ConnectionPoolTimeoutException("pool")));
        assertNull(Failures.classify(new org.apache.hc.client5.http.impl.ConnectionShutdownException()));
    }

    @Test
    void protocolErrorsAreNotRetried() {
        assertNull(Failures.classify(new org.apache.http.client.ClientProtocolException(
                new org.apache.http.ProtocolException("bad"))));
        assertNull(Failures.classify(new IOException("something else")));
    }

    @Test
    void theJdksOwnKindsStillApply() {
        assertEquals(FailureKind.TIMEOUT, Failures.classify(new SocketTimeoutException("Read timed out")));
        assertEquals(FailureKind.CONNECT_FAILURE, Failures.classify(new IOException(new ConnectException("refused"))));
    }
}
