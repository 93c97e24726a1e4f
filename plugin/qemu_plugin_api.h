/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The part of QEMU's TCG plugin ABI that the dlcall plugin uses, declared
 * from the documented facts (names, argument and result types) for each API
 * version. QEMU ships no plugin header in Debian, and we do not copy it.
 *
 * DLCALL_PLUGIN_API selects the flavour at build time:
 *   1     QEMU 7.2 .. 10.x: observing syscall callback, no filter.
 *   6     QEMU 11.0: filter callback without user data.
 *   7     QEMU 11.1 and later: filter callback with user data.
 * DLCALL_PLUGIN_VERSION is the API version the plugin declares, which
 * QEMU checks against its own range: 1 for QEMU 7.2 to 8.2, 2 for 9.0,
 * 3 for 9.1, 4 for 9.2 to 10.x; the filter flavours' own number.
 */
#ifndef DLCALL_QEMU_PLUGIN_API_H
#define DLCALL_QEMU_PLUGIN_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef DLCALL_PLUGIN_API
#define DLCALL_PLUGIN_API 1
#endif
#ifndef DLCALL_PLUGIN_VERSION
#define DLCALL_PLUGIN_VERSION DLCALL_PLUGIN_API
#endif

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;

/* Passed to qemu_plugin_install(); stable since API 0. */
typedef struct qemu_info_t {
	const char *target_name;
	struct {
		int min;
		int cur;
	} version;
	bool system_emulation;
	union {
		struct {
			int smp_vcpus;
			int max_vcpus;
		} system;
	};
} qemu_info_t;

#if DLCALL_PLUGIN_API >= 7
typedef bool (*qemu_plugin_vcpu_syscall_filter_cb_t)(
    unsigned int vcpu_index, int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
    uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
    int64_t *sysret, void *userdata);
void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb,
    void *userdata);
#elif DLCALL_PLUGIN_API == 6
typedef bool (*qemu_plugin_vcpu_syscall_filter_cb_t)(
    qemu_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1,
    uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6,
    uint64_t a7, uint64_t a8, uint64_t *sysret);
void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb);
#else
typedef void (*qemu_plugin_vcpu_syscall_cb_t)(
    qemu_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1,
    uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6,
    uint64_t a7, uint64_t a8);
void qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id,
					  qemu_plugin_vcpu_syscall_cb_t cb);
#endif

/*
 * Translation and instruction callbacks (the fast transport, abi.h);
 * stable since API 0 except the instruction bytes' accessor.
 */
struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

typedef void (*qemu_plugin_vcpu_simple_cb_t)(qemu_plugin_id_t id,
					     unsigned int vcpu_index);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
					    void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
					       struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_init_cb(qemu_plugin_id_t id,
				       qemu_plugin_vcpu_simple_cb_t cb);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags,
					    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *
qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t index);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

#if DLCALL_PLUGIN_VERSION >= 3
/* API version 3 (QEMU 9.1) on: the bytes are copied out (at most
 * `length`). */
size_t qemu_plugin_insn_data(const struct qemu_plugin_insn *insn, void *dest,
			     size_t length);
#else
/* API versions 1 and 2 (QEMU 7.2 to 9.0): a pointer to the bytes. */
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
#endif

#endif
