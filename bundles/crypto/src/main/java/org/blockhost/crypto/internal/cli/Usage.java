package org.blockhost.crypto.internal.cli;

/** The --help text. */
final class Usage {
    static final String TEXT = String.join("\n",
        "Usage: blockhost crypto <command> [options]",
        "",
        "Commands:",
        "  batch                                   JSON requests on stdin, one per line; one JSON response per line",
        "  recover --message M --signature S       print the EIP-55 address that personal_signed M",
        "  access-key --signature S                print the access key K (33 bytes) and its private key k",
        "  keygen                                  print a fresh secp256k1 private key, public key and address",
        "  sign --key-file FILE                    personal_sign the text on stdin (one trailing newline dropped);",
        "                                          FILE holds the private key as hex and must not be readable by others",
        "  sign --key-file FILE --address          print the key's EIP-55 address (for pam_web3's Wallet address: prompt)",
        "  --help                                  this text",
        "",
        "An option value of '-' is read as one line from stdin (keeps secrets off the command line).",
        "Exit codes: 0 ok, 1 cryptographic failure (message on stderr), 2 usage error (message on stderr).",
        "",
        "batch operations (\"op\"): aes-gcm-decrypt aes-gcm-encrypt access-key access-message address-of-key",
        "  ecdh ecdsa-verify ecies-decrypt ecies-encrypt eip55 keccak256 mldsa-verify personal-sign recover",
        "  schnorr-sign schnorr-verify siwe-parse siwe-verify",
        "Byte strings are hex: accepted with or without 0x, returned lowercase without 0x. See bundles/crypto/README.md.",
        "");

    private Usage() {
    }
}
