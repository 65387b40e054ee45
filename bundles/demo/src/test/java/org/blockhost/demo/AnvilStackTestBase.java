package org.blockhost.demo;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One anvil with the contracts deployed and dev.json in a temp home, per test class. */
abstract class AnvilStackTestBase {
    @TempDir
    static Path home;
    static LocalAnvil anvil;
    static TestStack t;

    @BeforeAll
    static void startChain() throws Exception {
        anvil = LocalAnvil.start();
        t = TestStack.deploy(anvil, home);
    }

    @AfterAll
    static void stopChain() throws Exception {
        t.close();
        anvil.close();
    }
}
