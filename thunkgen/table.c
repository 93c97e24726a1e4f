// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A string-keyed hash table: the generator looks types and signatures up
 * by their spelling once per use, and a library has thousands of them.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "thunkgen.h"

/* FNV-1a: continues `hash` over `text`; start from TEXT_HASH_START. */
uint64_t hash_text(uint64_t hash, const char *text)
{
	for (; *text; text++)
		hash = (hash ^ (unsigned char)*text) * 0x100000001b3ull;
	return hash;
}

static struct table_entry *find_slot(struct table_entry *slots, size_t size,
				     const char *key)
{
	size_t i = hash_text(TEXT_HASH_START, key) & (size - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (size - 1);
	return &slots[i];
}

void *table_get(const struct table *table, const char *key)
{
	if (!table->size)
		return NULL;
	return find_slot(table->slots, table->size, key)->value;
}

static void grow(struct table *table)
{
	size_t size = table->size ? table->size * 2 : 64;
	struct table_entry *slots = calloc(size, sizeof(*slots));

	for (size_t i = 0; i < table->size; i++)
		if (table->slots[i].key)
			*find_slot(slots, size, table->slots[i].key) =
			    table->slots[i];
	free(table->slots);
	table->slots = slots;
	table->size = size;
}

void table_put(struct table *table, const char *key, void *value)
{
	struct table_entry *slot;

	assert(value); /* NULL means "absent" */
	if ((table->count + 1) * 2 > table->size)
		grow(table);
	slot = find_slot(table->slots, table->size, key);
	if (!slot->key) {
		slot->key = strdup(key);
		table->count++;
	}
	slot->value = value;
}

void table_free(struct table *table)
{
	for (size_t i = 0; i < table->size; i++)
		free(table->slots[i].key);
	free(table->slots);
	*table = (struct table){0};
}
