/*
 * web3-sign: sign a message with EIP-191 personal_sign using a key file.
 * Usage: web3-sign --key-file FILE [--from-prompt] < message
 *        web3-sign --key-file FILE --address
 * Reads the message from stdin (one trailing newline is dropped) and prints
 * "0x" + r || s || v. With --from-prompt, stdin is one prompt of pam_web3 (or
 * the OpenSSH askpass prompt holding it): for "Wallet address:" it prints the
 * key's address; otherwise it cuts the sign-in message out and signs it.
 * With --opnet HRP it is an OPNet wallet instead: the address is the key's
 * Taproot address (bech32m, prefix HRP: bc, tb, bcrt, opt) and the signature
 * BIP-340 over SHA-256(message) by the tweaked key (128 hex digits), or with
 * --internal by the internal key, printed "<compressed key>:<signature>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/eth.h"
#include "../src/hex.h"
#include "signer.h"

static const char *opnet_hrp; /* --opnet HRP */
static int internal_key;      /* --internal */

#define MAX_INPUT 65536

static int usage(void)
{
    fprintf(stderr, "usage: web3-sign --key-file FILE [--opnet HRP [--internal]] "
                    "[--from-prompt | --address]\n");
    return 2;
}

static size_t read_stdin(char *buf, size_t cap)
{
    size_t n = 0, r;
    while (n < cap - 1 && (r = fread(buf + n, 1, cap - 1 - n, stdin)) > 0)
        n += r;
    buf[n] = '\0';
    return n;
}

static int print_address(const uint8_t key[32])
{
    uint8_t addr[20];
    char text[72];
    if (opnet_hrp) {
        if (signer_opnet_address(key, opnet_hrp, text) != 0)
            return 1;
        printf("%s\n", text);
        return 0;
    }
    if (signer_address(key, addr) != 0)
        return 1;
    eth_eip55(addr, text);
    printf("%s\n", text);
    return 0;
}

static int sign_opnet(const uint8_t key[32], const char *msg, size_t len)
{
    uint8_t sig[64], pub[33];
    char hex[129], pubhex[67];
    if (signer_opnet_sign(key, (const uint8_t *)msg, len, !internal_key, sig, pub) != 0)
        return 1;
    hex_encode(sig, sizeof sig, hex);
    hex_encode(pub, sizeof pub, pubhex);
    printf(internal_key ? "%s:%s\n" : "%.0s%s\n", pubhex, hex);
    return 0;
}

static int sign_stdin(const uint8_t key[32], int from_prompt)
{
    static char buf[MAX_INPUT];
    uint8_t sig[65];
    char hex[131];
    size_t len = read_stdin(buf, sizeof buf);
    const char *msg = buf;
    if (from_prompt && signer_is_wallet_prompt(buf))
        return print_address(key);
    if (from_prompt && (msg = signer_extract(buf, &len)) == NULL) {
        fprintf(stderr, "web3-sign: no sign-in message or wallet address prompt in input\n");
        return 1;
    }
    if (!from_prompt && len > 0 && buf[len - 1] == '\n')
        len--;
    if (opnet_hrp)
        return sign_opnet(key, msg, len);
    if (signer_sign(key, (const uint8_t *)msg, len, sig) != 0)
        return 1;
    hex_encode(sig, sizeof sig, hex);
    printf("0x%s\n", hex);
    return 0;
}

int main(int argc, char **argv)
{
    const char *key_file = NULL;
    int from_prompt = 0, address = 0;
    uint8_t key[32];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc)
            key_file = argv[++i];
        else if (strcmp(argv[i], "--from-prompt") == 0)
            from_prompt = 1;
        else if (strcmp(argv[i], "--address") == 0)
            address = 1;
        else if (strcmp(argv[i], "--opnet") == 0 && i + 1 < argc)
            opnet_hrp = argv[++i];
        else if (strcmp(argv[i], "--internal") == 0)
            internal_key = 1;
        else
            return usage();
    }
    if (!key_file)
        return usage();
    if (signer_load_key(key_file, key) != 0) {
        fprintf(stderr, "web3-sign: cannot read a valid private key from %s\n", key_file);
        return 1;
    }
    int rc = address ? print_address(key) : sign_stdin(key, from_prompt);
    explicit_bzero(key, sizeof key);
    return rc;
}
