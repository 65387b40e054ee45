/*
 * Per-user failure rate limit. State is one small file per uid under the
 * configured state directory (default /run/pam_web3), updated under flock.
 */
#ifndef PAM_WEB3_RATELIMIT_H
#define PAM_WEB3_RATELIMIT_H

#include <sys/types.h>
#include <time.h>

#include "config.h"

enum rl_status { RL_ALLOWED = 0, RL_LOCKED = 1, RL_ERROR = -1 };

/* Is this uid currently allowed to try? Errors fail closed (RL_ERROR). */
int rl_check(const struct w3_config *cfg, uid_t uid, time_t now);

/* Record the outcome of an attempt. Success clears the state. */
int rl_record(const struct w3_config *cfg, uid_t uid, time_t now, int success);

#endif
