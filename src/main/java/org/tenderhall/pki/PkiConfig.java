package org.tenderhall.pki;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** {@code tenderhall.pki.*}. Defaults in application.properties. */
@ConfigMapping(prefix = "tenderhall.pki")
public interface PkiConfig {

    /** Where the demo data set finds the demo CAs and CRLs it puts on the trust list. */
    Path demoDirectory();
}
