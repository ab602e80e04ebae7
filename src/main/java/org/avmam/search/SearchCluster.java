package org.avmam.search;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The OpenSearch cluster this node talks to: the external cluster of avmam.search.urls, or, when
 * none is configured, the local node it starts itself. Checked at start: an unreachable cluster
 * stops the service with the setting to fix.
 */
@Startup
@ApplicationScoped
public class SearchCluster {

    private static final Logger LOG = Logger.getLogger(SearchCluster.class);

    private final AvmamConfig config;
    private EmbeddedOpenSearchNode embedded;
    private OpenSearchTransport transport;
    private OpenSearchClient client;
    private String version;
    private List<String> urls;

    public SearchCluster(AvmamConfig config) {
        this.config = config;
    }

    @PostConstruct
    void connect() {
        AvmamConfig.Search search = config.search();
        List<String> urls = search.urls().filter(l -> !l.isEmpty()).orElse(null);
        if (urls == null) {
            embedded = new EmbeddedOpenSearchNode(search.embedded(), config.dataDir());
            urls = List.of(embedded.start());
        }
        this.urls = urls;
        try {
            transport = transport(urls, search);
            client = new OpenSearchClient(transport);
            version = client.info().version().number();
            LOG.infof("OpenSearch %s at %s", version, urls);
        } catch (IOException | RuntimeException e) {
            close();
            throw new IllegalStateException("OpenSearch at " + urls + " is not reachable (avmam.search.urls / AVMAM_SEARCH_URLS"
                    + (search.username().isPresent() ? ", avmam.search.username/password" : "") + "): " + e.getMessage(), e);
        }
    }

    public OpenSearchClient client() {
        return client;
    }

    public String version() {
        return version;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public List<String> urls() {
        return urls;
    }

    /** The process id of the local node, or -1 with an external cluster. */
    public long embeddedPid() {
        return embedded == null ? -1 : embedded.pid();
    }

    /**
     * Stops the local node (its data stays), as an outage would; {@link #startEmbeddedNode} brings
     * it back on the same URL. For drills and tests of how the service rides out a search outage.
     */
    public void stopEmbeddedNode() {
        if (embedded == null) {
            throw new IllegalStateException("no local OpenSearch node: this service uses an external cluster");
        }
        embedded.close();
    }

    public void startEmbeddedNode() {
        if (embedded == null) {
            throw new IllegalStateException("no local OpenSearch node: this service uses an external cluster");
        }
        embedded.start();
    }

    /** Replicas: none on the single local node, one on a real cluster. */
    public int replicas() {
        return embedded != null ? 0 : 1;
    }

    @PreDestroy
    void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException e) {
                LOG.debug("closing the OpenSearch transport", e);
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static OpenSearchTransport transport(List<String> urls, AvmamConfig.Search search) {
        HttpHost[] hosts = urls.stream().map(SearchCluster::host).toArray(HttpHost[]::new);
        SSLContext ssl = search.trustStore().map(p -> sslContext(p, search.trustStorePassword().orElse(""))).orElse(null);
        return ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(search.requestTimeout())))
                .setHttpClientConfigCallback(b -> {
                    if (search.username().isPresent()) {
                        BasicCredentialsProvider creds = new BasicCredentialsProvider();
                        for (HttpHost h : hosts) {
                            creds.setCredentials(new AuthScope(h), new UsernamePasswordCredentials(search.username().get(),
                                    search.password().orElse("").toCharArray()));
                        }
                        b.setDefaultCredentialsProvider(creds);
                    }
                    // HttpClient 5 allows 5 connections per host by default; index workers wait on refreshes in parallel.
                    var cm = PoolingAsyncClientConnectionManagerBuilder.create().setMaxConnPerRoute(64).setMaxConnTotal(128);
                    if (ssl != null) {
                        cm.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ssl).build());
                    }
                    return b.setConnectionManager(cm.build());
                })
                .build();
    }

    private static HttpHost host(String url) {
        try {
            return HttpHost.create(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("avmam.search.urls holds '" + url + "', which is not a URL", e);
        }
    }

    private static SSLContext sslContext(java.nio.file.Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore ks = KeyStore.getInstance(trustStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("avmam.search.trust-store (" + trustStore + ") cannot be loaded: " + e.getMessage(), e);
        }
    }
}
