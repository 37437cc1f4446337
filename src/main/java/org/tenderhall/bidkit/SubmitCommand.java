package org.tenderhall.bidkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "submit", header = "Upload a sealed bid to the platform and save its receipt.",
        description = "Upload a sealed bid to the platform over the resumable protocol, resuming "
        + "by itself after a dropped connection (and across runs), and save the receipt.")
class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--envelope", required = true, paramLabel = "FILE", description = "the sealed bid (bid.cms)")
    Path envelope;

    @Option(names = "--signature", paramLabel = "FILE", description = "its outer signature (default: FILE.p7s)")
    Path signature;

    @Option(names = "--platform", required = true, paramLabel = "URL", description = "the platform (https://…)")
    URI platform;

    @Option(names = "--tender", required = true, description = "the tender's id, as in the manifest")
    String tender;

    @Option(names = "--lot", defaultValue = "1", description = "the lot (default 1)")
    String lot;

    @Mixin
    PlatformLogin login;

    @Option(names = "--retries", defaultValue = "20", description = "how often to resume after a dropped connection")
    int retries;

    @Option(names = "--out", paramLabel = "DIR", description = "where to save the receipt (default: the envelope's folder)")
    Path out;

    @Mixin
    Progress.Quiet quiet;

    private Progress progress;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(envelope)) {
            throw new BidkitException("No such file: " + envelope);
        }
        Path signatureFile = signature != null ? signature : Path.of(envelope + ".p7s");
        if (!Files.isRegularFile(signatureFile)) {
            throw new BidkitException("No such file: " + signatureFile + " (the outer signature bidkit seal wrote)");
        }
        SealCommand.requireSafe(platform);
        progress = quiet.on(spec.commandLine().getErr());
        PlatformClient client = new PlatformClient(platform, login.authorization());
        long size = Files.size(envelope);
        Path state = Path.of(envelope + ".upload");
        progress.step("checking " + envelope + " (" + Progress.bytes(size) + ")");
        String sha256 = ReceiptCommand.Verify.sha256(envelope);
        String upload = resumable(client, state, sha256);
        if (upload != null && upload.startsWith("committed:")) {
            return alreadySubmitted(client, sha256);
        }
        if (upload == null) {
            String created = client.postJson("api/tenders/" + tender + "/bids/uploads", "{\"lot\":\"" + lot
                    + "\",\"size\":" + size + ",\"signature\":\""
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(signatureFile)) + "\"}");
            upload = PlatformClient.field(created, "id").orElseThrow(() -> new BidkitException("The platform gave no"
                    + " upload id"));
            Files.writeString(state, upload + "\n" + sha256 + "\n");
            say("upload %s created for %d bytes", upload, size);
        }
        long offset = client.offset(upload);
        int dropped = 0;
        while (offset < size) {
            try {
                progress.begin("uploading", size, offset);
                offset = client.patch(upload, envelope, offset, progress::counting);
            } catch (IOException lost) {
                progress.end();
                if (++dropped > retries) {
                    throw new BidkitException("The connection dropped " + dropped + " times; run the same command"
                            + " again to resume upload " + upload + " (" + lost.getMessage() + ")");
                }
                Thread.sleep(Math.min(30_000, 500L * dropped));
                offset = offsetAfterDrop(client, upload);
                say("connection lost (%s); the platform holds %d bytes: resuming", lost.getMessage(), offset);
            } catch (PlatformRefusal refused) {
                progress.end();
                if (refused.slug().equals("upload-busy")) { // the platform is still finishing the dropped request
                    Thread.sleep(1000);
                } else if (!refused.slug().equals("upload-offset-mismatch")) {
                    throw refused;
                }
                offset = client.offset(upload);
            }
        }
        progress.end();
        progress.step("committing upload " + upload);
        String receipt = client.post("api/bids/uploads/" + upload + "/commit");
        Files.deleteIfExists(state);
        String id = PlatformClient.field(receipt, "id").orElse("receipt");
        Path directory = out != null ? out : envelope.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path saved = Files.writeString(directory.resolve("receipt-" + id + ".json"), receipt, StandardCharsets.UTF_8);
        String facts = new String(Base64.getDecoder().decode(PlatformClient.field(receipt, "content").orElse("")),
                StandardCharsets.UTF_8);
        var fields = PlatformClient.fields(facts);
        spec.commandLine().getOut().printf("Submitted: bid %s for tender %s, lot %s%n  received at %s, receipt no. %s%n"
                + "  envelope SHA-256 %s (%s bytes)%n  receipt saved to %s (check it: bidkit receipt verify)%n",
                fields.get("bidId"), fields.get("tenderId"), fields.get("lot"), fields.get("receivedAt"),
                fields.get("sequence"), fields.get("envelopeSha256"), fields.get("size"), saved);
        return 0;
    }

    /**
     * The upload of an earlier run of this same envelope, if it is still open on the platform; {@code committed:…}
     * when that run's commit went through but its answer was lost. An upload of other bytes (the bid was sealed
     * again) is abandoned.
     */
    private String resumable(PlatformClient client, Path state, String sha256) throws IOException {
        if (!Files.isRegularFile(state)) {
            return null;
        }
        java.util.List<String> lines = Files.readAllLines(state);
        String upload = lines.isEmpty() ? "" : lines.get(0).strip();
        boolean sameBytes = lines.size() > 1 && lines.get(1).strip().equals(sha256);
        try {
            String view = client.get("api/bids/uploads/" + upload);
            String status = PlatformClient.field(view, "state").orElse("");
            if (sameBytes && "COMMITTED".equals(status)) {
                Files.deleteIfExists(state);
                return "committed:" + upload;
            }
            if ("OPEN".equals(status)) {
                if (sameBytes) {
                    say("resuming upload %s", upload);
                    return upload;
                }
                client.delete("api/bids/uploads/" + upload);
                say("upload %s was of other bytes (the bid was sealed again): abandoned it, starting anew", upload);
            }
        } catch (PlatformRefusal gone) {
            // not found, or not ours: start again
        }
        Files.deleteIfExists(state);
        return null;
    }

    /** The earlier run's commit went through: its receipt, fetched again. */
    private int alreadySubmitted(PlatformClient client, String sha256) throws Exception {
        String bids = client.get("api/tenders/" + tender + "/bids");
        int at = bids.indexOf("\"envelopeSha256\":\"" + sha256 + "\"");
        if (at < 0) {
            throw new BidkitException("The earlier upload was committed, but the platform lists no bid of these bytes");
        }
        int receipt = bids.indexOf("/api/receipts/", at);
        String id = bids.substring(receipt + "/api/receipts/".length(), bids.indexOf('"', receipt));
        String view = client.get("api/receipts/" + id);
        Path directory = out != null ? out : envelope.toAbsolutePath().getParent();
        Path saved = Files.writeString(directory.resolve("receipt-" + id + ".json"), view, StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("Already submitted in an earlier run; its receipt is saved to %s%n", saved);
        return 0;
    }

    private long offsetAfterDrop(PlatformClient client, String upload) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.offset(upload);
            } catch (IOException unreachable) {
                if (attempt > retries) {
                    throw new BidkitException("The platform is unreachable; run the same command again to resume"
                            + " upload " + upload);
                }
                Thread.sleep(Math.min(30_000, 1000L * attempt));
            }
        }
    }

    private void say(String format, Object... args) {
        progress.step(String.format(format, args));
    }
}
