package org.tenderhall.pki;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;
import org.tenderhall.identity.DemoDataSeeded;

/**
 * With the demo data set, the trust list recognises the three demo CAs (RSA, EC, SM2) of {@code keys/demo} and holds their CRLs,
 * so that the demo bidders' keys work at once.
 */
@Singleton
class DemoTrustList {

    private static final Logger LOG = Logger.getLogger(DemoTrustList.class);
    private static final List<String> ROOTS = List.of("rsa-root", "ec-root", "sm2-root");
    private static final List<String> CRLS = List.of("rsa-issuing", "ec-issuing", "sm2-issuing");

    @Inject
    PkiConfig config;

    @Inject
    TrustList trustList;

    void seed(@Observes DemoDataSeeded seeded) {
        Path directory = config.demoDirectory();
        if (!Files.isDirectory(directory.resolve("ca"))) {
            LOG.warnf("No demo PKI at %s: the trust list starts empty", directory.toAbsolutePath());
            return;
        }
        try {
            for (String root : ROOTS) {
                trustList.add(seeded.actor(), Files.readAllBytes(directory.resolve("ca/" + root + ".crt")));
            }
            for (String crl : CRLS) {
                trustList.addCrl(seeded.actor(), Files.readAllBytes(directory.resolve("crl/" + crl + ".crl")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo PKI in " + directory, e);
        }
        LOG.warnf("DEMO TRUST LIST: the demo CAs of %s are recognised", directory);
    }
}
