package org.tenderhall.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.OutsideTools;

/** A Chinese document as PDF/A-3b, checked by independent tools: poppler's pdftotext/pdffonts/pdfdetach, veraPDF. */
class PdfDocumentsTest {

    @TempDir
    Path dir;

    static final String XHTML = """
            <html><head><title>海岛中学新建教学楼工程施工招标文件</title>
            <style>body { font-family: 'Tenderhall Document'; font-size: 11pt; } td, th { border: 1px solid #333; padding: 4px; }
            table { border-collapse: collapse; }</style></head>
            <body>
            <h1>海岛中学新建教学楼工程施工招标文件</h1>
            <p>招标人：海港招标代理有限公司。投标截止时间：2027年1月10日 10:00。</p>
            <table><tr><th>评分因素</th><th>分值</th></tr>
            <tr><td>投标报价</td><td>60</td></tr><tr><td>施工组织设计</td><td>30</td></tr><tr><td>项目管理机构</td><td>10</td></tr></table>
            </body></html>
            """;

    private String run(String... command) throws Exception {
        OutsideTools.require(command[0], "poppler-utils");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void a_chinese_document_renders_with_its_text_table_embedded_font_and_attached_json() throws Exception {
        byte[] json = "{\"tenderId\":\"T-2026-0001\",\"name\":\"海岛中学新建教学楼工程\"}".getBytes(StandardCharsets.UTF_8);
        Path pdf = Files.write(dir.resolve("tender.pdf"), PdfDocuments.render(XHTML, "tender.json", json));

        String text = run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text).contains("海岛中学新建教学楼工程施工招标文件", "评分因素", "投标报价", "施工组织设计", "项目管理机构");
        assertThat(text.lines().filter(l -> l.contains("投标报价")).findFirst().orElseThrow()).contains("60");

        String fonts = run("pdffonts", pdf.toString());
        assertThat(fonts).contains("WenQuanYiMicroHei");
        assertThat(fonts.lines().filter(l -> l.contains("WenQuanYiMicroHei")).findFirst().orElseThrow())
                .containsPattern("yes\\s+yes"); // embedded, subset

        assertThat(run("pdfdetach", "-list", pdf.toString())).contains("tender.json");
        run("pdfdetach", "-save", "1", "-o", dir.resolve("out.json").toString(), pdf.toString());
        assertThat(Files.readAllBytes(dir.resolve("out.json"))).isEqualTo(json);
        assertThat(Files.size(pdf)).isLessThan(300_000); // a subset, not the 5 MB font
    }

    @Test
    void the_document_is_pdf_a_3b_compliant_by_verapdf() throws Exception {
        byte[] pdf = PdfDocuments.render(XHTML, "tender.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(PdfChecks.pdfA3bFailures(pdf)).isEmpty();
    }

    @Test
    void the_platform_signature_with_its_timestamp_is_valid_for_pdfsig_and_keeps_pdf_a() throws Exception {
        byte[] pdf = PdfDocuments.render(XHTML, "tender.json", "{}".getBytes(StandardCharsets.UTF_8));
        org.tenderhall.seal.Signer platform = org.tenderhall.DemoPki.load("document-signing");
        org.tenderhall.seal.Signer tsa = org.tenderhall.DemoPki.load("tsa");
        var authority = new org.tenderhall.timestamp.TimestampAuthority(tsa.key(), tsa.chain());
        java.time.Instant now = java.time.Instant.parse("2026-12-01T02:00:00Z");
        byte[] signed = PadesSigner.sign(pdf, platform.key(), platform.chain(),
                digest -> authority.stamp(digest, java.math.BigInteger.ONE, now), now, "发布招标文件 Tender published");

        assertThat(PdfChecks.signatures(signed)).contains("Signature Type: ETSI.CAdES.detached", "Signature Validation: Signature is Valid",
                "Total document signed");
        assertThat(java.util.Arrays.copyOf(signed, pdf.length)).isEqualTo(pdf); // incremental: the original bytes stay

        try (var document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            byte[] contents = document.getLastSignatureDictionary().getContents(); // zero-padded to its reserved size
            var cms = new org.bouncycastle.cms.CMSSignedData(org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                    new org.bouncycastle.asn1.ASN1InputStream(contents).readObject()));
            var signer = cms.getSignerInfos().getSigners().iterator().next();
            assertThat(signer.getSignedAttributes().get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime)).isNull();
            var attribute = signer.getUnsignedAttributes()
                    .get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            var token = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(
                    attribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
            token.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));
            assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(
                    java.security.MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
        }

        assertThat(PdfChecks.pdfA3bFailures(signed)).isEmpty();
    }

    @Test
    void a_configured_truetype_font_replaces_the_bundled_one() throws Exception {
        DocumentFont mono = DocumentFont.file(Path.of("src/main/resources/fonts/wqy-microhei.ttc"), "WenQuanYiMicroHeiMono");
        Path pdf = Files.write(dir.resolve("mono.pdf"), PdfDocuments.render(mono, XHTML, "tender.json",
                "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(run("pdffonts", pdf.toString())).contains("WenQuanYiMicroHeiMono");
        assertThat(run("pdftotext", pdf.toString(), "-")).contains("海岛中学新建教学楼工程施工招标文件");
        assertThat(PdfChecks.pdfA3bFailures(Files.readAllBytes(pdf))).isEmpty();
    }

    @Test
    void a_font_file_that_is_not_truetype_is_refused(@org.junit.jupiter.api.io.TempDir Path other) throws Exception {
        Path notAFont = Files.writeString(other.resolve("font.ttf"), "not a font");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DocumentFont.file(notAFont, null))
                .isInstanceOf(java.io.IOException.class);
    }
}
