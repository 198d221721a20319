package dev.northstar.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Paths of the client libraries shipped as WebJars, with the version read from the jar on the class path. */
final class WebJarAssets {
    private WebJarAssets() {}

    /** Bootstrap's minified stylesheet. */
    static String bootstrapCss() {
        return "/webjars/bootstrap/" + version("org.webjars.npm", "bootstrap") + "/dist/css/bootstrap.min.css";
    }

    /** uPlot's stylesheet. */
    static String uplotCss() {
        return "/webjars/uplot/" + version("org.webjars.npm", "uplot") + "/dist/uPlot.min.css";
    }

    /** uPlot's script, the browser build that defines the global {@code uPlot}. */
    static String uplotScript() {
        return "/webjars/uplot/" + version("org.webjars.npm", "uplot") + "/dist/uPlot.iife.min.js";
    }

    /** Cytoscape.js, the graph library of the lineage page, defining the global {@code cytoscape}. */
    static String cytoscapeScript() {
        return "/webjars/cytoscape/" + version("org.webjars.npm", "cytoscape") + "/dist/cytoscape.min.js";
    }

    /** The version of a WebJar, from the Maven metadata inside it. */
    static String version(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebJarAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + groupId + ":" + artifactId + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
