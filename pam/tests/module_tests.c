/*
 * Tests of the built pam_web3.so through real libpam: pam_start_confdir()
 * with a private service directory, a stub conversation that signs what the
 * module shows, and a passwd(5) file given with the passwd= option of the
 * test build (-DPAM_WEB3_TESTING). The production build must refuse passwd=.
 */
#include <security/pam_appl.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/prompt.h"
#include "../tools/signer.h"
#include "harness.h"

static const char *module, *prod_module, *work;
static uint8_t key1[32], key2[32];
static char addr1[ETH_ADDR_TEXT], addr2[ETH_ADDR_TEXT], tap1[80], tap2[80];

typedef void (*mutator)(uint8_t sig[65]);

struct stub {
    const char *claim[PROMPT_WALLET_TRIES]; /* answers to "Wallet address:" (NULL: key's) */
    const uint8_t *key;  /* sign with this key ... */
    mutator mutate;      /* ... then alter the signature ... */
    const char *fixed;   /* ... or answer this text instead */
    int bare;            /* answer without 0x and with blanks around */
    int opnet;           /* OPNet wallet: 1 signs with the tweaked key, 2 the internal one (key named) */
    int flip;            /* OPNet: change one bit of the signature */
    int fail;            /* conversation error */
    unsigned delay;      /* seconds to wait before answering */
    char intro[1024];    /* PAM_TEXT_INFO before the wallet prompt */
    char message[4096];  /* PAM_TEXT_INFO holding the sign-in message */
    char info[9000];     /* PAM_TEXT_INFO after it (the signing link) */
    char shown[16384];   /* everything shown, in order */
    int asks;            /* wallet address prompts (echo on) */
    int prompts;         /* signature prompts (echo off) */
    int errors;          /* PAM_ERROR_MSG */
};

static char *claim_for(struct stub *s)
{
    uint8_t a[20];
    char text[80];
    int i = s->asks - 1;
    if (i < PROMPT_WALLET_TRIES && s->claim[i])
        return strdup(s->claim[i]);
    if (s->opnet)
        return signer_opnet_address(s->key, "bc", text) == 0 ? strdup(text) : NULL;
    if (signer_address(s->key, a) != 0)
        return NULL;
    eth_eip55(a, text);
    return strdup(text);
}

/* BIP-340 over SHA-256 of the shown message, as OP_WALLET signs it. */
static char *opnet_answer_for(struct stub *s)
{
    uint8_t sig[64], pub[33];
    char hex[129], pubhex[67], out[220];
    if (signer_opnet_sign(s->key, (const uint8_t *)s->message, strlen(s->message), s->opnet == 1,
                          sig, pub) != 0)
        return NULL;
    sig[40] ^= (uint8_t)s->flip;
    hex_encode(sig, sizeof sig, hex);
    hex_encode(pub, sizeof pub, pubhex);
    if (s->opnet == 2)
        snprintf(out, sizeof out, "%s:%s", pubhex, hex);
    else
        snprintf(out, sizeof out, "%s", hex);
    return strdup(out);
}

static char *answer_for(struct stub *s)
{
    uint8_t sig[65];
    char hex[131], out[200];
    if (s->fixed)
        return strdup(s->fixed);
    if (s->opnet)
        return opnet_answer_for(s);
    if (signer_sign(s->key, (const uint8_t *)s->message, strlen(s->message), sig) != 0)
        return NULL;
    if (s->mutate)
        s->mutate(sig);
    hex_encode(sig, sizeof sig, hex);
    snprintf(out, sizeof out, s->bare ? "  %s \n" : "0x%s", hex);
    return strdup(out);
}

static void stub_record(struct stub *s, const struct pam_message *m, struct pam_response *r)
{
    size_t used = strlen(s->shown);
    snprintf(s->shown + used, sizeof s->shown - used, "%s\n", m->msg);
    if (m->msg_style == PAM_TEXT_INFO && strstr(m->msg, " wants you to sign in"))
        snprintf(s->message, sizeof s->message, "%s", m->msg);
    else if (m->msg_style == PAM_TEXT_INFO && s->message[0] == '\0')
        snprintf(s->intro, sizeof s->intro, "%s", m->msg);
    else if (m->msg_style == PAM_TEXT_INFO)
        snprintf(s->info, sizeof s->info, "%s", m->msg);
    else if (m->msg_style == PAM_ERROR_MSG)
        s->errors++;
    else if (m->msg_style == PAM_PROMPT_ECHO_ON) {
        s->asks++;
        r->resp = claim_for(s);
    } else if (m->msg_style == PAM_PROMPT_ECHO_OFF) {
        s->prompts++;
        if (s->delay)
            sleep(s->delay);
        r->resp = answer_for(s);
    }
}

static int stub_conv(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
    struct stub *s = data;
    if (s->fail)
        return PAM_CONV_ERR;
    *resp = calloc((size_t)n, sizeof **resp);
    if (!*resp)
        return PAM_BUF_ERR;
    for (int i = 0; i < n; i++)
        stub_record(s, msg[i], &(*resp)[i]);
    return PAM_SUCCESS;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    unlink(path);
    FILE *f = fopen(path, "we");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

/* Config file <work>/<name>.conf = base settings + extra lines. */
static void write_config(const char *name, const char *extra, mode_t mode)
{
    char path[512], text[2048];
    snprintf(path, sizeof path, "%s/%s.conf", work, name);
    snprintf(text, sizeof text,
             "# test configuration\nhost = vm1.test\nchain_id = 31337\nmachine = vm1\n"
             "signing_url = https://vm1.test/sign\n%s",
             extra);
    write_file(path, text, mode);
}

/* Service <work>/pam.d/<name> using <work>/<conf>.conf and extra arguments. */
static void write_service(const char *name, const char *conf, const char *args)
{
    char path[512], text[2048];
    snprintf(path, sizeof path, "%s/pam.d/%s", work, name);
    snprintf(text, sizeof text, "auth required %s config=%s/%s.conf passwd=%s/passwd %s\n",
             module, work, conf, work, args);
    write_file(path, text, 0644);
}

/* One authentication as sshd does it: PAM_RHOST set to the client's address (or none). */
static int auth_from(const char *service, const char *user, const char *rhost, struct stub *s)
{
    char dir[512];
    struct pam_conv conv = {stub_conv, s};
    pam_handle_t *pamh = NULL;
    snprintf(dir, sizeof dir, "%s/pam.d", work);
    int rc = pam_start_confdir(service, user, &conv, dir, &pamh);
    if (rc != PAM_SUCCESS)
        return -1000 - rc;
    if (rhost && pam_set_item(pamh, PAM_RHOST, rhost) != PAM_SUCCESS)
        return -2000;
    rc = pam_authenticate(pamh, 0);
    pam_end(pamh, rc);
    return rc;
}

static int auth_as(const char *service, const char *user, struct stub *s)
{
    return auth_from(service, user, NULL, s);
}

static int auth(const char *user, struct stub *s)
{
    return auth_as("w3", user, s);
}

static void setup(void)
{
    char path[512], text[4096];
    uint8_t a[20];
    signer_parse_key("0x0123456789012345678901234567890123456789012345678901234567890123", key1);
    signer_parse_key("0x51d1d6047622bca92272d36b297799ecc152dc2ef91b229debf84fc41e8c73ee", key2);
    signer_address(key1, a);
    eth_eip55(a, addr1);
    signer_address(key2, a);
    eth_eip55(a, addr2);
    signer_opnet_address(key1, "bc", tap1);
    signer_opnet_address(key2, "bc", tap2);
    snprintf(path, sizeof path, "%s/pam.d", work);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/passwd", work);
    snprintf(text, sizeof text,
             "alice:x:7001:7001:wallet=%s:/tmp:/bin/sh\n"
             "carol:x:7002:7002:wallet=%s,nft=42:/tmp:/bin/sh\n"
             "nogecos:x:7003:7003::/tmp:/bin/sh\n"
             "fullname:x:7004:7004:Alice Example,,,:/tmp:/bin/sh\n"
             "shortaddr:x:7005:7005:wallet=0x1234:/tmp:/bin/sh\n"
             "badsum:x:7006:7006:wallet=0x14791697260e4C9a71f18484c9f997b308e59325:/tmp:/bin/sh\n"
             "badnft:x:7007:7007:wallet=%s,nft=x:/tmp:/bin/sh\n"
             "lockme:x:7008:7008:wallet=%s:/tmp:/bin/sh\n"
             "expiring:x:7009:7009:wallet=%s:/tmp:/bin/sh\n"
             "olivia:x:7010:7010:wallet=%s,nft=9:/tmp:/bin/sh\n",
             "0x14791697260e4c9a71f18484c9f997b308e59325", addr1, addr1, addr1, addr1, tap1);
    write_file(path, text, 0644);
    write_config("good", "ttl_seconds = 300\n", 0600);
    write_service("w3", "good", "");
}

/* ---- signature mutations ---- */
static void to_v01(uint8_t s[65]) { s[64] -= 27; }
static void v2(uint8_t s[65]) { s[64] = 2; }
static void v29(uint8_t s[65]) { s[64] = 29; }
static void r_zero(uint8_t s[65]) { memset(s, 0, 32); }
static void s_zero(uint8_t s[65]) { memset(s + 32, 0, 32); }
static void r_max(uint8_t s[65]) { memset(s, 0xff, 32); }
static void s_max(uint8_t s[65]) { memset(s + 32, 0xff, 32); }
static void flip_bit(uint8_t s[65]) { s[10] ^= 1; }

static const uint8_t ORDER[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};

static void r_order(uint8_t s[65]) { memcpy(s, ORDER, 32); }
static void s_order(uint8_t s[65]) { memcpy(s + 32, ORDER, 32); }

/* (r, n - s, v ^ 1) is the malleable twin of a valid signature: must be refused. */
static void high_s(uint8_t s[65])
{
    int borrow = 0;
    for (int i = 31; i >= 0; i--) {
        int d = ORDER[i] - s[32 + i] - borrow;
        borrow = d < 0;
        s[32 + i] = (uint8_t)(d + (borrow ? 256 : 0));
    }
    s[64] = (uint8_t)(s[64] == 27 ? 28 : 27);
}

/* ---- cases ---- */
static void t_good(void)
{
    struct stub s = {.key = key1};
    CHECK(auth("alice", &s) == PAM_SUCCESS);
    CHECK(s.asks == 1 && s.prompts == 1 && s.errors == 0);
}

static void t_good_v01_bare(void)
{
    struct stub s = {.key = key1, .mutate = to_v01, .bare = 1};
    CHECK(auth("alice", &s) == PAM_SUCCESS);
}

static void t_good_checksummed_nft(void)
{
    struct stub s = {.key = key1};
    CHECK(auth("carol", &s) == PAM_SUCCESS);
}

static void t_shown_message(void)
{
    struct stub s = {.key = key1};
    char head[256], stmt[] = "\n\nLog in to alice@vm1 over SSH.\n\nURI: ssh://vm1.test\nVersion: 1\n"
                             "Chain ID: 31337\nNonce: ";
    CHECK(auth("alice", &s) == PAM_SUCCESS);
    snprintf(head, sizeof head, "vm1.test wants you to sign in with your Ethereum account:\n%s", addr1);
    CHECK(strncmp(s.message, head, strlen(head)) == 0);
    CHECK(strncmp(s.message + strlen(head), stmt, strlen(stmt)) == 0);
    const char *nonce = s.message + strlen(head) + strlen(stmt);
    CHECK(strspn(nonce, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == 16);
    CHECK(strstr(s.message, "\nIssued At: 20") && strstr(s.message, "Z\nExpiration Time: 20"));
    CHECK(strstr(s.info, "https://vm1.test/sign?message=vm1.test%20wants%20you") != NULL);
    CHECK(strstr(s.intro, "Wallet login to alice@vm1.\nStep 1 of 2: ") == s.intro);
    CHECK(strstr(s.shown, "\nWallet address: \n") < strstr(s.shown, " wants you to sign in"));
    CHECK(strstr(s.info, "Step 2 of 2: sign the message above") != NULL);
    struct stub t = {.key = key1};
    CHECK(auth("alice", &t) == PAM_SUCCESS);
    CHECK(strcmp(s.message, t.message) != 0); /* fresh nonce */
}

static void t_wrong_wallet(void)
{
    struct stub s = {.key = key2};
    CHECK(auth("alice", &s) == PAM_AUTH_ERR);
}

/* M10 (wallet address first) ---- */

/* Cut the per-login values (address, nonce, times) out of a sign-in message. */
static void normalize(char *msg, const char *addr)
{
    static const char *const labels[] = {"\nNonce: ", "\nIssued At: ", "\nExpiration Time: "};
    char *a = strstr(msg, addr);
    if (a)
        memcpy(a, "0xADDRESS", 10), memmove(a + 9, a + 42, strlen(a + 42) + 1);
    for (size_t i = 0; i < 3; i++) {
        char *v = strstr(msg, labels[i]);
        if (!v)
            continue;
        v += strlen(labels[i]);
        size_t n = strcspn(v, "\n");
        memmove(v + 1, v + n, strlen(v + n) + 1);
        *v = 'X';
    }
}

static int contains_nocase(const char *hay, const char *addr)
{
    return strcasestr(hay, addr + 2) != NULL; /* the 40 hex digits, any case */
}

/* Someone who gives another address gets that address's challenge and never sees the owner's. */
static void t_owner_wallet_not_revealed(void)
{
    struct stub other = {.key = key2}; /* claims and signs as addr2 */
    CHECK(auth("alice", &other) == PAM_AUTH_ERR);
    CHECK(other.asks == 1 && other.prompts == 1 && other.errors == 0);
    CHECK(strstr(other.message, addr2) != NULL);
    CHECK(!contains_nocase(other.shown, addr1));
}

/* A wrong address and a wrong signature for the right address look the same to the client. */
static void t_wrong_address_like_wrong_signature(void)
{
    struct stub wrong_addr = {.key = key2};
    struct stub wrong_sig = {.claim = {addr1}, .key = key2};
    int rc1 = auth("alice", &wrong_addr), rc2 = auth("alice", &wrong_sig);
    CHECK(rc1 == PAM_AUTH_ERR && rc2 == PAM_AUTH_ERR);
    CHECK(wrong_addr.prompts == 1 && wrong_sig.prompts == 1);
    CHECK(wrong_addr.errors == 0 && wrong_sig.errors == 0);
    CHECK(strcmp(wrong_addr.intro, wrong_sig.intro) == 0);
    normalize(wrong_addr.message, addr2);
    normalize(wrong_sig.message, addr1);
    CHECK(strcmp(wrong_addr.message, wrong_sig.message) == 0);
    CHECK(strstr(wrong_sig.message, "0xADDRESS") && strstr(wrong_sig.message, "\nNonce: X\n"));
}

/* The owner's signature of a message that names another address is refused. */
static void t_owner_signs_other_address(void)
{
    struct stub s = {.claim = {addr2}, .key = key1};
    CHECK(auth("alice", &s) == PAM_AUTH_ERR);
    CHECK(s.prompts == 1 && strstr(s.message, addr2) != NULL);
}

static void t_wallet_address_forms(void)
{
    char lower[64] = "  ";
    for (size_t i = 0; addr1[i]; i++)
        lower[2 + i] = (char)((addr1[i] >= 'A' && addr1[i] <= 'F') ? addr1[i] + 32 : addr1[i]);
    strcat(lower, " \r\n");
    struct stub s = {.claim = {lower}, .key = key1};
    CHECK(auth("alice", &s) == PAM_SUCCESS);
    CHECK(strstr(s.message, addr1) != NULL); /* shown in EIP-55 form */
}

static void t_malformed_wallet_address(void)
{
    char badsum[ETH_ADDR_TEXT];
    snprintf(badsum, sizeof badsum, "%s", addr1);
    badsum[strcspn(badsum + 2, "abcdef") + 2] ^= 0x20; /* flip the case of one letter */
    struct stub three = {.claim = {"hello", "0x1234", badsum}, .key = key1};
    CHECK(auth("alice", &three) == PAM_AUTH_ERR);
    CHECK(three.asks == PROMPT_WALLET_TRIES && three.errors == PROMPT_WALLET_TRIES - 1);
    CHECK(three.prompts == 0); /* no challenge without an address */
    struct stub retry = {.claim = {addr1 + 2}, .key = key1}; /* no 0x, then right */
    CHECK(auth("alice", &retry) == PAM_SUCCESS);
    CHECK(retry.asks == 2 && retry.errors == 1 && retry.prompts == 1);
}

static void t_tampered(void)
{
    struct stub s = {.key = key1, .mutate = flip_bit};
    CHECK(auth("alice", &s) == PAM_AUTH_ERR);
}

static void t_expired(void)
{
    struct stub s = {.key = key1, .delay = 2};
    write_config("short", "ttl_seconds = 1\n", 0600);
    write_service("w3short", "short", "");
    CHECK(auth_as("w3short", "expiring", &s) == PAM_AUTH_ERR);
    CHECK(strstr(s.message, "Expiration Time: ") != NULL);
}

static void expect_refused(mutator m, const char *fixed)
{
    struct stub s = {.key = key1, .mutate = m, .fixed = fixed};
    int rc = auth("alice", &s);
    if (rc != PAM_AUTH_ERR)
        fprintf(stderr, "  unexpected rc %d for %s\n", rc, fixed ? fixed : "mutation");
    CHECK(rc == PAM_AUTH_ERR);
}

static void t_malformed_length(void)
{
    expect_refused(NULL, "");
    expect_refused(NULL, "0x");
    expect_refused(NULL, "0x1234");
    char longer[300];
    memset(longer, 'a', 132);
    longer[132] = '\0';
    expect_refused(NULL, longer);
}

static void t_malformed_hex(void)
{
    char text[140] = "0x";
    memset(text + 2, 'z', 130);
    text[132] = '\0';
    expect_refused(NULL, text);
    expect_refused(NULL, "not a signature at all");
}

static void t_bad_v(void)
{
    expect_refused(v2, NULL);
    expect_refused(v29, NULL);
}

static void t_high_s(void) { expect_refused(high_s, NULL); }

static void t_r_s_range(void)
{
    expect_refused(r_zero, NULL);
    expect_refused(s_zero, NULL);
    expect_refused(r_order, NULL);
    expect_refused(s_order, NULL);
    expect_refused(r_max, NULL);
    expect_refused(s_max, NULL);
}

static void t_gecos(void)
{
    const char *users[] = {"nogecos", "fullname", "shortaddr", "badsum", "badnft"};
    for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
        struct stub s = {.key = key1};
        CHECK(auth(users[i], &s) == PAM_AUTH_ERR);
        CHECK(s.asks == 0 && s.prompts == 0); /* refused before anything is asked */
    }
    struct stub s = {.key = key1};
    CHECK(auth("nosuchuser", &s) == PAM_USER_UNKNOWN);
}

static void t_conversation_error(void)
{
    struct stub s = {.key = key1, .fail = 1};
    CHECK(auth("alice", &s) != PAM_SUCCESS);
}

static void bad_config_case(const char *extra, mode_t mode, const char *args)
{
    struct stub s = {.key = key1};
    write_config("bad", extra, mode);
    write_service("w3bad", "bad", args);
    int rc = auth_as("w3bad", "alice", &s);
    if (rc != PAM_SERVICE_ERR)
        fprintf(stderr, "  config case \"%s\" args \"%s\": rc %d\n", extra, args, rc);
    CHECK(rc == PAM_SERVICE_ERR && s.prompts == 0);
}

static void t_bad_config(void)
{
    bad_config_case("colour = blue\n", 0600, "");
    bad_config_case("ttl_seconds = 0\n", 0600, "");
    bad_config_case("ttl_seconds = five\n", 0600, "");
    bad_config_case("chain_id = 2\n", 0600, "");   /* duplicate */
    bad_config_case("ttl_seconds = 5\n", 0660, ""); /* group-writable */
    bad_config_case("", 0600, "bogus_option");
    bad_config_case("", 0600, "config=relative.conf");
    struct stub s = {.key = key1};
    char path[512], link[512];
    snprintf(path, sizeof path, "%s/w3missing", work);
    write_service("w3missing", "does-not-exist", "");
    CHECK(auth_as("w3missing", "alice", &s) == PAM_SERVICE_ERR);
    snprintf(path, sizeof path, "%s/good.conf", work);
    snprintf(link, sizeof link, "%s/symlink.conf", work);
    unlink(link);
    CHECK(symlink(path, link) == 0);
    write_service("w3link", "symlink", "");
    CHECK(auth_as("w3link", "alice", &s) == PAM_SERVICE_ERR); /* O_NOFOLLOW */
}

/* n wrong-wallet attempts from rhost, each refused as a wrong signature. */
static void fail_from(const char *service, const char *rhost, int n)
{
    for (int i = 0; i < n; i++) {
        struct stub bad = {.key = key2};
        CHECK(auth_from(service, "lockme", rhost, &bad) == PAM_AUTH_ERR);
        CHECK(bad.prompts >= 1); /* every attempt still gets a challenge */
    }
}

/* H3: failures never lock the account; the module's default configuration is used. */
static void t_no_lockout_other_source(void)
{
    write_config("defaults", "", 0600);
    write_service("w3defaults", "defaults", "");
    fail_from("w3defaults", "192.0.2.66", 10);
    struct stub good = {.key = key1};
    CHECK(auth_from("w3defaults", "lockme", "198.51.100.7", &good) == PAM_SUCCESS);
    CHECK(good.prompts >= 1);
}

static void t_no_lockout_same_source(void)
{
    write_config("defaults", "", 0600);
    write_service("w3defaults", "defaults", "");
    fail_from("w3defaults", "192.0.2.66", 10);
    struct stub good = {.key = key1};
    time_t start = time(NULL);
    CHECK(auth_from("w3defaults", "lockme", "192.0.2.66", &good) == PAM_SUCCESS);
    CHECK(time(NULL) - start <= 2); /* no lockout, and no delay to speak of */
    struct stub local = {.key = key1};
    CHECK(auth_as("w3defaults", "lockme", &local) == PAM_SUCCESS); /* no PAM_RHOST (console) */
}

/* ---- OPNet wallets (Taproot address in GECOS, BIP-340 signature) ---- */
static void t_opnet_good(void)
{
    struct stub tweaked = {.key = key1, .opnet = 1}, internal = {.key = key1, .opnet = 2};
    char head[256];
    CHECK(auth("olivia", &tweaked) == PAM_SUCCESS);
    CHECK(auth("olivia", &internal) == PAM_SUCCESS);
    snprintf(head, sizeof head, "vm1.test wants you to sign in with your Bitcoin account:\n%s\n\n"
             "Log in to olivia@vm1 over SSH.\n\nURI: ssh://vm1.test\nVersion: 1\nNonce: ", tap1);
    CHECK(strncmp(tweaked.message, head, strlen(head)) == 0);
    CHECK(strstr(tweaked.message, "Chain ID") == NULL);
    CHECK(tweaked.asks == 1 && tweaked.prompts == 1 && tweaked.errors == 0);
}

static void t_opnet_refused(void)
{
    struct stub other = {.key = key2, .opnet = 1}, flipped = {.key = key1, .opnet = 1, .flip = 1};
    struct stub named_flipped = {.key = key1, .opnet = 2, .flip = 4}, evm = {.key = key1};
    struct stub cross = {.key = key1, .opnet = 1}, upper = {.key = key1, .opnet = 1};
    char up[80];
    for (size_t i = 0; i <= strlen(tap1); i++)
        up[i] = (char)(tap1[i] >= 'a' && tap1[i] <= 'z' ? tap1[i] - 32 : tap1[i]);
    upper.claim[0] = up;
    CHECK(auth("olivia", &upper) == PAM_SUCCESS); /* upper-case bech32m is the same address */
    CHECK(auth("olivia", &other) == PAM_AUTH_ERR);
    CHECK(strstr(other.shown, tap1) == NULL); /* the owner's address is never shown */
    CHECK(auth("olivia", &flipped) == PAM_AUTH_ERR);
    CHECK(auth("olivia", &named_flipped) == PAM_AUTH_ERR);
    CHECK(auth("olivia", &evm) == PAM_AUTH_ERR);   /* same key, Ethereum form */
    CHECK(auth("alice", &cross) == PAM_AUTH_ERR);  /* same key, Taproot form */
    struct stub evm_sig = {.key = key1, .opnet = 1, .fixed = "0x00"};
    CHECK(auth("olivia", &evm_sig) == PAM_AUTH_ERR);
}

/* L6: the production module (the one the .deb ships) has no passwd= option. */
static void t_production_refuses_passwd(void)
{
    char path[512], text[1024];
    struct stub s = {.key = key1};
    snprintf(path, sizeof path, "%s/pam.d/w3prod", work);
    snprintf(text, sizeof text, "auth required %s config=%s/good.conf passwd=%s/passwd\n", prod_module,
             work, work);
    write_file(path, text, 0644);
    CHECK(auth_as("w3prod", "alice", &s) == PAM_SERVICE_ERR);
    CHECK(s.prompts == 0);
    snprintf(text, sizeof text, "auth required %s config=%s/good.conf\n", prod_module, work);
    write_file(path, text, 0644);
    CHECK(auth_as("w3prod", "alice", &s) == PAM_USER_UNKNOWN); /* only NSS: no such user */
}

void module_tests(const char *test_module_path, const char *module_path, const char *work_dir)
{
    module = test_module_path;
    prod_module = module_path;
    work = work_dir;
    setup();
    run_case("pam_good_signature", t_good);
    run_case("pam_good_signature_v01_no_prefix", t_good_v01_bare);
    run_case("pam_good_checksummed_gecos_with_nft", t_good_checksummed_nft);
    run_case("pam_shown_message_and_link", t_shown_message);
    run_case("pam_wrong_wallet", t_wrong_wallet);
    run_case("pam_owner_wallet_not_revealed", t_owner_wallet_not_revealed);
    run_case("pam_wrong_address_looks_like_wrong_signature", t_wrong_address_like_wrong_signature);
    run_case("pam_owner_signature_for_another_address", t_owner_signs_other_address);
    run_case("pam_wallet_address_forms", t_wallet_address_forms);
    run_case("pam_malformed_wallet_address", t_malformed_wallet_address);
    run_case("pam_tampered_signature", t_tampered);
    run_case("pam_expired_message", t_expired);
    run_case("pam_malformed_length", t_malformed_length);
    run_case("pam_malformed_hex", t_malformed_hex);
    run_case("pam_bad_v", t_bad_v);
    run_case("pam_high_s", t_high_s);
    run_case("pam_r_s_out_of_range", t_r_s_range);
    run_case("pam_missing_or_malformed_gecos", t_gecos);
    run_case("pam_conversation_error", t_conversation_error);
    run_case("pam_bad_configuration", t_bad_config);
    run_case("pam_production_build_refuses_passwd_option", t_production_refuses_passwd);
    run_case("pam_no_lockout_from_another_source", t_no_lockout_other_source);
    run_case("pam_no_lockout_from_the_same_source", t_no_lockout_same_source);
    run_case("pam_opnet_schnorr_login_tweaked_and_internal_key", t_opnet_good);
    run_case("pam_opnet_refusals", t_opnet_refused);
}
