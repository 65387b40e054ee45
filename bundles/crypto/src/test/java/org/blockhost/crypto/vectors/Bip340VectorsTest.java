package org.blockhost.crypto.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Schnorr;
import org.junit.jupiter.api.Test;

/** bitcoin/bips bip-0340/test-vectors.csv: signing rows must reproduce the signature; every row's verify result. */
class Bip340VectorsTest {

    @Test
    void bip340() throws IOException {
        Vectors.Tally t = new Vectors.Tally("bip340/test-vectors.csv");
        List<String> lines = Files.readAllLines(Vectors.file("bip340/test-vectors.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String id = "row " + f[0];
            byte[] pk = Hex.decode(f[2]);
            byte[] msg = Hex.decode(f[4]);
            byte[] sig = Hex.decode(f[5]);
            boolean expected = f[6].equals("TRUE");
            if (!f[1].isEmpty()) {
                byte[] sk = Hex.decode(f[1]);
                byte[] produced = Schnorr.sign(sk, msg, Hex.decode(f[3]));
                if (!Arrays.equals(produced, sig) || !Arrays.equals(Schnorr.publicKey(sk), pk)) {
                    t.failCase(id, "signing did not reproduce the signature or public key");
                    continue;
                }
            }
            t.check(id, expected, Schnorr.verify(pk, msg, sig));
        }
        t.report();
    }
}
