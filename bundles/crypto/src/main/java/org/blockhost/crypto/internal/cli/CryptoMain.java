package org.blockhost.crypto.internal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;

/** Entry point of {@code blockhost crypto …}; runs without OSGi. Exit codes: 0 ok, 1 crypto failure, 2 usage error. */
public final class CryptoMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private CryptoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err));
    }

    /** Testable main: never calls System.exit. */
    public static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("blockhost crypto: missing command (try --help)");
            return USAGE;
        }
        try {
            switch (args[0]) {
                case "--help":
                case "-h":
                case "help":
                    out.print(Usage.TEXT);
                    return OK;
                case "batch":
                    return batch(args, in, out);
                case "recover":
                    return recover(options(args, "--message", "--signature"), in, out);
                case "access-key":
                    return accessKey(options(args, "--signature"), in, out);
                case "keygen":
                    return keygen(args, out);
                case "sign":
                    return SignCommand.run(args, in, out);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("blockhost crypto: " + e.getMessage() + " (try --help)");
            return USAGE;
        } catch (CryptoException | IllegalArgumentException e) {
            err.println("blockhost crypto: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("blockhost crypto: I/O error: " + e.getMessage());
            return FAILED;
        }
    }

    private static int batch(String[] args, BufferedReader in, PrintStream out) throws IOException {
        if (args.length != 1) {
            throw new UsageException("batch takes no arguments");
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        BatchProcessor.run(in, w);
        w.flush();
        return OK;
    }

    private static int recover(Map<String, String> opts, BufferedReader in, PrintStream out) throws IOException {
        String message = required(opts, "--message", in);
        EthSignature sig = EthSignature.parse(required(opts, "--signature", in).trim());
        Address a = PersonalSign.recover(message, sig);
        out.println(a.toChecksumString());
        return OK;
    }

    private static int accessKey(Map<String, String> opts, BufferedReader in, PrintStream out) throws IOException {
        EthSignature sig = EthSignature.parse(required(opts, "--signature", in).trim());
        try (AccessKeyPair pair = AccessKey.derive(sig)) {
            byte[] k = pair.privateKey();
            out.println("publicKey " + Hex.encode(pair.publicKey()));
            out.println("privateKey " + Hex.encode(k));
            Arrays.fill(k, (byte) 0);
        }
        return OK;
    }

    private static int keygen(String[] args, PrintStream out) {
        if (args.length != 1) {
            throw new UsageException("keygen takes no arguments");
        }
        byte[] k = Secp256k1.generatePrivateKey();
        try {
            out.println("privateKey " + Hex.encode(k));
            out.println("publicKey " + Hex.encode(Secp256k1.publicKey(k, true)));
            out.println("address " + Address.fromPrivateKey(k).toChecksumString());
        } finally {
            Arrays.fill(k, (byte) 0);
        }
        return OK;
    }

    /** Parses {@code --name value} pairs after the command; only the allowed names, each at most once. */
    static Map<String, String> options(String[] args, String... allowed) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!Arrays.asList(allowed).contains(args[i])) {
                throw new UsageException("unknown option '" + args[i] + "' for " + args[0]);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + args[i] + " needs a value");
            }
            if (opts.put(args[i], args[i + 1]) != null) {
                throw new UsageException("option " + args[i] + " given twice");
            }
        }
        return opts;
    }

    /** The option's value; {@code -} reads one line from stdin (keeps secrets off the command line). */
    private static String required(Map<String, String> opts, String name, BufferedReader in) throws IOException {
        String v = opts.get(name);
        if (v == null) {
            throw new UsageException("missing option " + name);
        }
        if (!v.equals("-")) {
            return v;
        }
        String line = in.readLine();
        if (line == null) {
            throw new UsageException("option " + name + " is '-' but stdin is empty");
        }
        return line;
    }
}
