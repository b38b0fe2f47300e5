package org.printgate.ipp;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JVM's default TLS context, made the first time a TLS connection needs it. HTTP clients
 * build their TLS context when they are created, though most of Printgate's connections (the
 * spooler to an http:// engine, to printers on ipp://) never use TLS: loading the trusted
 * certificate authorities and the TLS classes then costs a desktop spooler megabytes of
 * resident memory for nothing.
 */
public final class DefaultTlsOnFirstUse {
    private static final SSLContext CONTEXT = new SSLContext(new Deferred(), null, "Default") {};

    private DefaultTlsOnFirstUse() {}

    /** The context; it trusts the JVM's default certificate authorities once used. */
    public static SSLContext context() {
        return CONTEXT;
    }

    /** Parameters for an HTTP client that leave every choice to the default context's engines. */
    public static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Deferred extends SSLContextSpi {
        private volatile SSLContext loaded;

        private SSLContext loaded() {
            SSLContext context = loaded;
            if (context == null) {
                try {
                    context = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("no default TLS context in this JVM", e);
                }
                loaded = context;
            }
            return context;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("the default TLS context is initialized by the JVM");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return loaded().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return loaded().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return loaded().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return loaded().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return loaded().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return loaded().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return loaded().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return loaded().getSupportedSSLParameters();
        }
    }
}
