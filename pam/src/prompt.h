/*
 * The two rounds of the PAM conversation: the wallet address first (nothing
 * about the account is shown), then the sign-in message for that address and
 * the signature. Clients recognise the rounds by PROMPT_WALLET and
 * PROMPT_SIGNATURE at the end of the prompt text.
 */
#ifndef PAM_WEB3_PROMPT_H
#define PAM_WEB3_PROMPT_H

#include <security/pam_modules.h>
#include <stdint.h>

#include "wallet.h"

#define PROMPT_WALLET "Wallet address: "
#define PROMPT_SIGNATURE "Signature: "
#define PROMPT_WALLET_TRIES 3

/*
 * Ask for the wallet address (echo on) until it parses, at most
 * PROMPT_WALLET_TRIES times. PAM_SUCCESS with *wallet filled, PAM_AUTH_ERR after
 * the last malformed answer, or the conversation's error.
 */
int prompt_wallet(pam_handle_t *pamh, const char *user, const char *machine,
                  struct wallet_id *wallet);

/* Show the message and the signing link, then read the signature (echo off). */
int prompt_signature(pam_handle_t *pamh, const char *message, const char *link, char **answer);

#endif
