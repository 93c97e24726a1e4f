/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fake QEMU's translator (fake_translation.c). */
#ifndef DLCALL_FAKE_TRANSLATION_H
#define DLCALL_FAKE_TRANSLATION_H

#include "../../plugin/qemu_plugin_api.h"

struct qemu_plugin_insn {
	unsigned char bytes[16];
	size_t size;
	qemu_plugin_vcpu_udata_cb_t executed; /* what the plugin attached */
	enum qemu_plugin_cb_flags flags;
	void *userdata;
};

struct qemu_plugin_tb {
	struct qemu_plugin_insn *insns;
	size_t count;
};

/* What the plugin registered; NULL until it does. */
extern qemu_plugin_vcpu_tb_trans_cb_t fake_translation_callback;
extern qemu_plugin_vcpu_simple_cb_t fake_vcpu_init_callback;

#endif
