package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.blockhost.crypto.api.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contracts setup deploys are in the installed layout: the built {@code blockhost-engine-opnet} package holds
 * {@code /usr/lib/blockhost/opnet-sidecar/contracts/} (the sidecar's default {@code contractsDir}) with the manifest
 * and both contracts' wasm, each the SHA-256 the manifest names, byte for byte the checked-in {@code contracts/build}.
 */
class PackagedContractsIT {
    private static final String DIR = "usr/lib/blockhost/opnet-sidecar/contracts/";
    private static final List<String> FILES = List.of("manifest.json", "BlockhostSubscriptions.wasm", "AccessCredential.wasm");

    @TempDir
    Path out;

    @Test
    void thePackageShipsTheManifestsContracts() throws Exception {
        Path deb = deb();
        Process p = new ProcessBuilder("sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" --wildcards '*/opnet-sidecar/contracts/*'",
                "sh", deb.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dpkg-deb | tar finished");
        assertEquals(0, p.exitValue(), log);
        Path shipped = out.resolve(DIR);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(shipped)) {
            s.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertEquals(FILES.stream().sorted().toList(), names.stream().sorted().toList(), "exactly the manifest and both contracts");
        for (String name : FILES) {
            assertArrayEquals(Files.readAllBytes(Path.of("contracts/build", name)), Files.readAllBytes(shipped.resolve(name)),
                    name + " as checked in");
        }
        JsonNode manifest = new ObjectMapper().readTree(shipped.resolve("manifest.json").toFile()).get("files");
        for (String wasm : FILES.subList(1, 3)) {
            assertEquals(manifest.get(wasm).asText(), Hex.encode(VmRecording.sha256(Files.readAllBytes(shipped.resolve(wasm)))),
                    wasm + "'s SHA-256 is the manifest's");
        }
    }

    private static Path deb() throws IOException {
        List<Path> debs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(System.getProperty("engine.dir", "target")),
                "blockhost-engine-opnet_*_amd64.deb")) {
            s.forEach(debs::add);
        }
        assertEquals(1, debs.size(), "one built package: " + debs);
        return debs.get(0);
    }
}
