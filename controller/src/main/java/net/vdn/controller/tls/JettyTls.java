package net.vdn.controller.tls;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** A Javalin server's one TLS connector (TLS 1.2 and 1.3 only), for the API and the peering API. */
public final class JettyTls {
  private JettyTls() {}

  /** A server-side TLS context for this key store; SNI is not required. */
  public static SslContextFactory.Server server(java.security.KeyStore keyStore, String password) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore);
    ssl.setKeyStorePassword(password);
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    // The certificate names the host it was made for; SNI checks would refuse a client using an IP.
    ssl.setSniRequired(false);
    return ssl;
  }

  /** Listens on {@code host:port} with {@code ssl} only: no plain connector beside it. */
  public static void listen(
      JavalinConfig config, SslContextFactory.Server ssl, String host, int port) {
    config.jetty.addConnector(
        (server, http) -> {
          HttpConfiguration secure = new HttpConfiguration(http);
          SecureRequestCustomizer customizer = new SecureRequestCustomizer();
          customizer.setSniHostCheck(false);
          secure.addCustomizer(customizer);
          ServerConnector c =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(ssl, "http/1.1"),
                  new HttpConnectionFactory(secure));
          c.setHost(host);
          c.setPort(port);
          return c;
        });
  }
}
