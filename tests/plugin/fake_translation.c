// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fake QEMU's translator, for the plugin's fast transport: a
 * translation block is a list of instructions (their bytes), and an
 * instruction's execution callback is what the plugin registered on it.
 */
#include <string.h>

#include "fake_translation.h"

qemu_plugin_vcpu_tb_trans_cb_t fake_translation_callback;
qemu_plugin_vcpu_simple_cb_t fake_vcpu_init_callback;

QEMU_PLUGIN_EXPORT void
qemu_plugin_register_vcpu_init_cb(qemu_plugin_id_t id,
				  qemu_plugin_vcpu_simple_cb_t cb)
{
	(void)id;
	fake_vcpu_init_callback = cb;
}

QEMU_PLUGIN_EXPORT void
qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
				      qemu_plugin_vcpu_tb_trans_cb_t cb)
{
	(void)id;
	fake_translation_callback = cb;
}

QEMU_PLUGIN_EXPORT void qemu_plugin_register_vcpu_insn_exec_cb(
    struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
    enum qemu_plugin_cb_flags flags, void *userdata)
{
	insn->executed = cb;
	insn->flags = flags;
	insn->userdata = userdata;
}

QEMU_PLUGIN_EXPORT size_t
qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb)
{
	return tb->count;
}

QEMU_PLUGIN_EXPORT struct qemu_plugin_insn *
qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t index)
{
	return index < tb->count ? &tb->insns[index] : NULL;
}

QEMU_PLUGIN_EXPORT size_t
qemu_plugin_insn_size(const struct qemu_plugin_insn *insn)
{
	return insn->size;
}

#if DLCALL_PLUGIN_VERSION >= 3
QEMU_PLUGIN_EXPORT size_t qemu_plugin_insn_data(
    const struct qemu_plugin_insn *insn, void *dest, size_t length)
{
	size_t copied = insn->size < length ? insn->size : length;

	memcpy(dest, insn->bytes, copied);
	return copied;
}
#else
QEMU_PLUGIN_EXPORT const void *
qemu_plugin_insn_data(const struct qemu_plugin_insn *insn)
{
	return insn->bytes;
}
#endif
