/* Direct tests of the signature, GECOS, config and message code (no PAM). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../src/config.h"
#include "../src/eth.h"
#include "../src/gecos.h"
#include "../src/hex.h"
#include "../src/siwe.h"
#include "../tools/signer.h"
#include "harness.h"

#define R1 "ddd0a7290af9526056b4e35a077b9a11b513aa0028ec6c9880948544508f3c63"
#define S1 "265e99e47ad31bb2cab9646c504576b3abc6939a1710afc08cbf3034d73214b8"
#define N_HEX "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
#define HALF_N "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0"
#define HALF_N1 "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1"
#define ZERO "0000000000000000000000000000000000000000000000000000000000000000"

static int parse(const char *text)
{
    struct eth_sig s;
    return eth_sig_parse(text, strlen(text), &s);
}

static void t_signature_parser(void)
{
    CHECK(parse("0x" R1 S1 "1c") == SIG_OK);
    CHECK(parse(R1 S1 "1b") == SIG_OK);
    CHECK(parse("  0X" R1 S1 "00\r\n") == SIG_OK);
    CHECK(parse(R1 S1 "01") == SIG_OK);
    CHECK(parse("") == SIG_BAD_LENGTH);
    CHECK(parse("0x") == SIG_BAD_LENGTH);
    CHECK(parse("0x" R1 S1 "1") == SIG_BAD_LENGTH);
    CHECK(parse("0x" R1 S1 "1c00") == SIG_BAD_LENGTH);
    CHECK(parse("0x0x" R1 S1) == SIG_BAD_HEX);
    CHECK(parse("0x" R1 S1 "1g") == SIG_BAD_HEX);
    CHECK(parse("0x " R1 S1 "1") == SIG_BAD_HEX);
    CHECK(parse("0x" R1 S1 "02") == SIG_BAD_V);
    CHECK(parse("0x" R1 S1 "1d") == SIG_BAD_V);
    CHECK(parse("0x" R1 S1 "1a") == SIG_BAD_V);
    CHECK(parse("0x" R1 S1 "ff") == SIG_BAD_V);
    CHECK(parse("0x" ZERO S1 "1b") == SIG_R_RANGE);
    CHECK(parse("0x" N_HEX S1 "1b") == SIG_R_RANGE);
    CHECK(parse("0x" R1 ZERO "1b") == SIG_S_RANGE);
    CHECK(parse("0x" R1 N_HEX "1b") == SIG_S_RANGE);
    CHECK(parse("0x" R1 HALF_N "1b") == SIG_OK);
    CHECK(parse("0x" R1 HALF_N1 "1b") == SIG_HIGH_S);
}

static void t_gecos_parser(void)
{
    struct gecos_wallet w;
    const char *a = "wallet=0x14791697260e4c9a71f18484c9f997b308e59325";
    char buf[200];
    CHECK(gecos_parse(a, &w) == 0 && !w.has_nft);
    CHECK(gecos_parse("wallet=0x14791697260E4c9A71f18484C9f997B308e59325,nft=7", &w) == 0 &&
          w.has_nft && w.nft == 7);
    snprintf(buf, sizeof buf, "%s,nft=18446744073709551615", a);
    CHECK(gecos_parse(buf, &w) == 0 && w.nft == UINT64_MAX);
    const char *bad[] = {NULL, "", "Alice,,,", "wallet=", "wallet=0x1234",
                         "wallet=14791697260e4c9a71f18484c9f997b308e59325",
                         "wallet=0x14791697260e4c9a71f18484c9f997b308e5932g",
                         "wallet=0x14791697260E4c9A71f18484C9f997B308e59326",
                         "wallet=0x14791697260e4C9a71f18484c9f997b308e59325",
                         "Wallet=0x14791697260e4c9a71f18484c9f997b308e59325",
                         " wallet=0x14791697260e4c9a71f18484c9f997b308e59325"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(gecos_parse(bad[i], &w) != 0);
    const char *tails[] = {",", ",nft=", ",nft=abc", ",nft=01", ",nft=-1", ",nft=1,x=2", " ",
                           ",nft=18446744073709551616", ",NFT=1", ",nft=1 "};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        snprintf(buf, sizeof buf, "%s%s", a, tails[i]);
        CHECK(gecos_parse(buf, &w) != 0);
    }
}

static int cfg_ok(const char *text)
{
    struct w3_config c;
    char err[256];
    return config_parse(text, strlen(text), &c, err, sizeof err) == 0;
}

#define BASE "host = vm1.example.org\nchain_id = 11155111\nsigning_url = https://vm1.example.org/sign\n"

static void t_config_parser(void)
{
    struct w3_config c;
    char err[256];
    const char *good = "# comment\n\n  " BASE "ttl_seconds=120\nmachine = vm1\r\n";
    CHECK(config_parse(good, strlen(good), &c, err, sizeof err) == 0);
    CHECK(strcmp(c.host, "vm1.example.org") == 0 && c.chain_id == 11155111 && c.ttl_seconds == 120);
    CHECK(strcmp(c.machine, "vm1") == 0);
    CHECK(cfg_ok(BASE) && cfg_ok("host=h:2222\n" "chain_id=1\n" "signing_url=http://h/s?a=b"));
    const char *bad[] = {"", "host = a\n", BASE "bogus = 1\n", BASE "host = b\n", BASE "ttl_seconds = 0\n",
                         BASE "ttl_seconds = -5\n", BASE "ttl_seconds = 10s\n", BASE "ttl_seconds =\n",
                         BASE "ttl_seconds = 0300\n", BASE "ttl_seconds = 99999999999999999999\n",
                         BASE "max_failures = 5\n", BASE "lockout_seconds = 300\n",
                         BASE "failure_window_seconds = 600\n", BASE "state_dir = /run/pam_web3\n",
                         BASE "no equals\n",
                         BASE "machine = bad name\n", BASE "Host = x\n",
                         "host = a b\nchain_id = 1\nsigning_url = https://x/y\n",
                         "host = a\nchain_id = 0\nsigning_url = https://x/y\n",
                         "host = a\nchain_id = 9007199254740992\nsigning_url = https://x/y\n",
                         "host = a\nchain_id = 1\nsigning_url = ftp://x/y\n",
                         "host = a\nchain_id = 1\nsigning_url = https://x/ y\n",
                         "host = a\nchain_id = 1\nsigning_url = https://x/#frag\n",
                         "host = -a\nchain_id = 1\nsigning_url = https://x/y\n",
                         "host = a:\nchain_id = 1\nsigning_url = https://x/y\n",
                         "host = a:123456\nchain_id = 1\nsigning_url = https://x/y\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (cfg_ok(bad[i]))
            fprintf(stderr, "  accepted bad config #%zu\n", i);
        CHECK(!cfg_ok(bad[i]));
    }
    char nul[] = BASE "ttl_seconds = 5\0\n";
    CHECK(config_parse(nul, sizeof nul - 1, &c, err, sizeof err) != 0);
}

static void t_config_long_line(void)
{
    static char buf[4096];
    struct w3_config c;
    char err[256];
    int n = snprintf(buf, sizeof buf, BASE "machine = ");
    memset(buf + n, 'a', 1100);
    buf[n + 1100] = '\n';
    CHECK(config_parse(buf, (size_t)n + 1101, &c, err, sizeof err) != 0);
}

static struct siwe_fields fields(void)
{
    struct siwe_fields f = {.domain = "vm1.example.org", .user = "alice", .machine = "vm1",
                            .address = "0x14791697260E4c9A71f18484C9f997B308e59325",
                            .chain_id = 1, .nonce = "abcdEFGH12345678",
                            .issued_at = 1700000000, .expires_at = 1700000300};
    return f;
}

static void t_message_builder(void)
{
    char out[SIWE_MAX_MESSAGE];
    struct siwe_fields f = fields();
    const char *want =
        "vm1.example.org wants you to sign in with your Ethereum account:\n"
        "0x14791697260E4c9A71f18484C9f997B308e59325\n\n"
        "Log in to alice@vm1 over SSH.\n\n"
        "URI: ssh://vm1.example.org\nVersion: 1\nChain ID: 1\nNonce: abcdEFGH12345678\n"
        "Issued At: 2023-11-14T22:13:20Z\nExpiration Time: 2023-11-14T22:18:20Z";
    CHECK(siwe_build(&f, out, sizeof out) == (int)strlen(want) && strcmp(out, want) == 0);
    f.user = "al\nice";
    CHECK(siwe_build(&f, out, sizeof out) < 0);
    f = fields(), f.nonce = "short";
    CHECK(siwe_build(&f, out, sizeof out) < 0);
    f = fields(), f.domain = "evil.org wants\n";
    CHECK(siwe_build(&f, out, sizeof out) < 0);
    f = fields(), f.expires_at = f.issued_at;
    CHECK(siwe_build(&f, out, sizeof out) < 0);
    f = fields();
    CHECK(siwe_build(&f, out, 50) < 0);
}

static void t_nonce_and_link(void)
{
    char a[SIWE_NONCE_LEN + 1], b[SIWE_NONCE_LEN + 1], link[256];
    CHECK(siwe_nonce(a) == 0 && siwe_nonce(b) == 0);
    CHECK(strlen(a) == 16 && strcmp(a, b) != 0);
    for (int i = 0; i < 16; i++)
        CHECK((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z'));
    CHECK(siwe_link("https://h/sign", "a b:\n~", link, sizeof link) > 0);
    CHECK(strcmp(link, "https://h/sign?message=a%20b%3A%0A~") == 0);
    CHECK(siwe_link("https://h/sign?x=1", "z", link, sizeof link) > 0);
    CHECK(strcmp(link, "https://h/sign?x=1&message=z") == 0);
    CHECK(siwe_link("https://h/sign", "\n\n\n\n\n\n\n\n", link, 30) < 0);
}

/* web3-sign --from-prompt: which prompt is the wallet address one. */
static void t_prompt_kinds(void)
{
    size_t len;
    CHECK(signer_is_wallet_prompt("(u@h) Wallet login to u@vm.\nStep 1 of 2: ...\nWallet address: "));
    CHECK(signer_is_wallet_prompt("Wallet address:"));
    CHECK(!signer_is_wallet_prompt("Wallet address: 0x12"));
    CHECK(!signer_is_wallet_prompt("...\nSignature: "));
    CHECK(!signer_is_wallet_prompt(""));
    const char *shown = "(u@h) vm1 wants you to sign in with your Ethereum account:\n0xA\n\nx\n"
                        "Expiration Time: 2030-01-01T00:00:00Z\n\nStep 2\nSignature: ";
    const char *m = signer_extract(shown, &len);
    CHECK(m && strncmp(m, "vm1 wants", 9) == 0 && m[len - 1] == 'Z');
}

void parser_tests(void)
{
    run_case("prompt_kinds", t_prompt_kinds);
    run_case("signature_parser", t_signature_parser);
    run_case("gecos_parser", t_gecos_parser);
    run_case("config_parser", t_config_parser);
    run_case("config_long_line", t_config_long_line);
    run_case("message_builder", t_message_builder);
    run_case("nonce_and_link", t_nonce_and_link);
}
